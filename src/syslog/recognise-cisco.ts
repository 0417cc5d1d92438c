/**
 * Cisco-style config-change messages: IOS/IOS-XE and EOS `%SYS-5-CONFIG_I`, IOS archive logger
 * `%PARSER-5-CFGLOG_LOGGEDCMD`, NX-OS `%VSHD-5-VSHD_SYSLOG_CONFIG_I`, IOS-XR `%MGBL-CONFIG-6-DB_COMMIT`,
 * EOS config sessions, ASA `%ASA-5-111008/111010`. Pure: message text in, event out.
 */
import { isIP } from 'node:net';
import type { ChangeEvent } from './change-event.js';

const LINE = /^(?:vty|tty|con|console|aux|line|pts|ttyS?)\/?\d*(?:\/\d+)*$/i;

export function recogniseCisco(body: string): ChangeEvent | undefined {
  let m: RegExpExecArray | null;
  // IOS, IOS-XE, EOS; IOS-XR's %MGBL-SYS-5-CONFIG_I too.
  if ((m = /%((?:[A-Z]{2,8}-)?SYS-5-CONFIG_I)\s?:\s*(.{0,600})/.exec(body))) return configuredBy(`%${m[1]}`, m[2]!);
  if ((m = /%(VSHD-5-VSHD_SYSLOG_CONFIG_I)\s?:\s*Configured from (\S{1,64}) by (\S{1,128})(?: on (\S{1,128}))?/.exec(body))) {
    const [addr, line] = splitAt(m[4]);
    return { kind: 'configured', code: `%${m[1]}`, via: m[2], user: m[3], source: addr, line };
  }
  if ((m = /%PARSER-5-CFGLOG_LOGGEDCMD\s?:\s*User\s?:\s?(\S{1,128})\s+logged command\s?:\s?(.{0,2000})/.exec(body))) {
    // Exec commands (`!exec: enable`) are logged too but change nothing.
    if (/^\s*!exec:/.test(m[2]!)) return undefined;
    return { kind: 'command', code: '%PARSER-5-CFGLOG_LOGGEDCMD', user: m[1], command: m[2]!.trim(), via: 'cli' };
  }
  if ((m = /%((?:MGBL|GBL)-CONFIG-6-DB_COMMIT)\s?:\s*(.{0,600})/.exec(body))) {
    const user = /by user '([^']{1,128})'/.exec(m[2]!)?.[1];
    const commit = /commit changes (\d{1,20})/.exec(m[2]!)?.[1];
    return { kind: 'committed', code: `%${m[1]}`, user, command: commit ? `commit ${commit}` : undefined };
  }
  // EOS configure sessions (text unverified: synthetic fixture in the tests).
  if ((m = /%(SYS-5-CONFIG_SESSION_COMMIT_SUCCESS)\s?:\s*(.{0,600})/.exec(body))) {
    return { kind: 'committed', code: `%${m[1]}`, user: /\bby (?:user )?(\S{1,128})/.exec(m[2]!)?.[1], command: /session (\S{1,128})/.exec(m[2]!)?.[1] };
  }
  if ((m = /%ASA-5-111010\s?:\s*User '([^']{1,128})', running '([^']{1,32})' from IP (\S{1,64}), executed '([^']{0,1000})'/.exec(body))) {
    return readOnlyCommand(m[4]!) ? undefined : { kind: 'command', code: '%ASA-5-111010', user: m[1], via: m[2], source: m[3], command: m[4] };
  }
  if ((m = /%ASA-5-111008\s?:\s*User '([^']{1,128})' executed the '([^']{0,1000})' command/.exec(body))) {
    return readOnlyCommand(m[2]!) ? undefined : { kind: 'command', code: '%ASA-5-111008', user: m[1], command: m[2] };
  }
  return undefined;
}

/** `Configured from console by jdoe on vty0 (10.0.0.9)`, `... by vty2 (10.34.195.36)`, `... by console`. */
function configuredBy(code: string, text: string): ChangeEvent {
  const m = /Configured from (\S{1,64}) by (\S{1,128})(?: on (\S{1,64}))?(?: \(([^)\s]{1,128})\))?/.exec(text);
  if (!m) return { kind: 'configured', code };
  const [, via, who, on, addr] = m;
  const whoIsLine = !on && LINE.test(who!);
  return {
    kind: 'configured',
    code,
    via,
    user: whoIsLine ? undefined : who,
    line: whoIsLine ? who : on,
    source: addr && (isIP(addr) || /^[A-Za-z0-9.-]+$/.test(addr)) ? addr : undefined,
  };
}

/** NX-OS `10.0.0.5@pts/0` or `console`: address and line. */
function splitAt(on: string | undefined): [string | undefined, string | undefined] {
  if (!on) return [undefined, undefined];
  const at = on.lastIndexOf('@');
  if (at > 0) return [on.slice(0, at), on.slice(at + 1)];
  return isIP(on) ? [on, undefined] : [undefined, on];
}

function readOnlyCommand(command: string): boolean {
  return /^\s*(show|ping|traceroute|terminal|enable|exit|end|who|dir|more|copy running-config startup-config|write memory)\b/i.test(command);
}
