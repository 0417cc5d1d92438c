/**
 * NX-OS attribution. The config header `!Running configuration last done at: <time>` has the
 * time only, so `show accounting log` runs when the config changed. Entry format from Cisco's
 * NX-OS security configuration guide (unverified against a recording):
 *
 *    Tue Sep 30 03:12:05 2025:type=update:id=10.0.0.9@pts/0:user=jdoe:cmd=configure terminal ; username backdoor password ******** role network-admin (SUCCESS)
 *
 * `id` is `<address>@pts/N` for a remote terminal (ssh or telnet: the log does not say which,
 * so via is `cli`), `console` or `ttyS0` for the console; NX-API entries are not distinguished here.
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

const CONFIG = 'show running-config';
export const ACCOUNTING_LOG = 'show accounting log';

const ENTRY = /^(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4}):type=update:id=([^:]*):user=([^:]+):cmd=(.*)$/;

export function nxosHeader(raw: string | undefined): ChangeAttribution | undefined {
  const m = /^!Running configuration last done at: (.+?)\s*$/m.exec((raw ?? '').slice(0, 4096).replace(/\r/g, ''));
  return m ? attribution({ at: m[1] }) : undefined;
}

/** The newest accounting entry that changed the configuration, and the commands it ran. */
export function parseAccountingLog(output: string): ChangeAttribution | undefined {
  let last: RegExpExecArray | undefined;
  for (const l of outputLines(output)) {
    const m = ENTRY.exec(l.trim());
    // Config sessions start with `configure`; other updates (copy, clear) are no config change.
    if (m && /^conf(igure)?\b/.test(m[4]!) && !/\(FAILURE\)\s*$/.test(m[4]!)) last = m;
  }
  if (!last) return undefined;
  const [, at, id, user, cmd] = last;
  const [address, tty] = id!.includes('@') ? id!.split('@') : [undefined, id];
  const commands = cmd!
    .replace(/\s*\((SUCCESS|REDIRECT)\)\s*$/, '')
    .split(' ; ')
    .map((c) => c.trim())
    .filter((c) => c && !/^conf(igure)?( t(erminal)?)?$/.test(c));
  return attribution({ user, at, source: address, via: /console|ttyS/.test(tty ?? '') ? 'console' : 'cli', commands });
}

export const nxosAttribution: AttributionSpec = {
  from: 'command',
  fromConfig: (outputs) => nxosHeader(outputs[CONFIG]),
  command: ACCOUNTING_LOG,
  parse: parseAccountingLog,
};
