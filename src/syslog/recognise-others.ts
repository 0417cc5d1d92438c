/**
 * Config-change messages of Junos (`UI_COMMIT`, `UI_COMMIT_COMPLETED`, `UI_CFG_AUDIT_*`), FortiOS
 * (config-change log ids in key=value form) and PAN-OS (CONFIG log, CSV). Pure.
 */
import type { ChangeEvent } from './change-event.js';
import type { SyslogMessage } from './message.js';

export function recogniseJunos(body: string, msg: SyslogMessage): ChangeEvent | undefined {
  const m = /\b(UI_COMMIT(?:_COMPLETED)?|UI_CFG_AUDIT_[A-Z_]{1,32})\b:?\s*(.{0,2000})/.exec(body);
  if (!m) return undefined;
  const [, code, text] = m as unknown as [string, string, string];
  // RFC 5424 from Junos carries the user in structured data: [junos@2636... username="jdoe"].
  const sd = msg.structuredData.find((e) => e.id.startsWith('junos@'))?.params;
  const user = sd?.username ?? /User '([^']{1,128})'/.exec(text)?.[1];
  if (code === 'UI_COMMIT') {
    const op = sd?.command ?? /requested '([^']{1,64})' operation/.exec(text)?.[1];
    if (op && /\bcheck\b/.test(op)) return undefined; // `commit check` changes nothing
    const comment = /\(comment: (.{0,500})\)\s*$/.exec(text)?.[1];
    return { kind: 'committed', code, user, command: op && comment && comment !== 'none' ? `${op} (comment: ${comment})` : op, via: 'cli' };
  }
  if (code === 'UI_COMMIT_COMPLETED') return { kind: 'committed', code, user };
  const what = /(?:set|delete|new|deactivate|activate|rename|insert|annotate|copy|replace)?:\s?(\[.{0,1500})$/.exec(text)?.[1];
  return { kind: 'command', code, user, command: what };
}

/** `logid="0100044547"` and friends: FortiOS event/system config-change log ids. */
const FORTIOS_CONFIG_LOGIDS = new Set(['0100044544', '0100044545', '0100044546', '0100044547', '0100044548', '0100044549', '0100032102', '0100032104']);

export function recogniseFortios(body: string): ChangeEvent | undefined {
  if (!/\blogid="?01000(?:4454[4-9]|3210[24])\b/.test(body)) return undefined;
  const kv = keyValues(body);
  const logid = kv.get('logid');
  if (!logid || !FORTIOS_CONFIG_LOGIDS.has(logid)) return undefined;
  // ui="GUI(10.32.22.115)", ui="ssh(10.0.0.9)", ui="jsconsole".
  const ui = /^([^()]{1,32})(?:\(([^()]{1,64})\))?$/.exec(kv.get('ui') ?? '');
  const command = [kv.get('action'), kv.get('cfgpath'), kv.get('cfgobj'), kv.get('cfgattr')].filter(Boolean).join(' ');
  return { kind: 'command', code: `fortios:${logid}`, user: kv.get('user'), via: ui?.[1], source: ui?.[2], command: command || kv.get('msg'), host: kv.get('devname') };
}

/** `key=value` / `key="quoted value"` pairs of a FortiOS line (first occurrence wins). */
export function keyValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][A-Za-z0-9_]{0,31})=("((?:[^"\\]|\\.){0,2000})"|[^\s"]{0,2000})/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 200) {
    if (!out.has(m[1]!)) out.set(m[1]!, m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2]!);
  }
  return out;
}

/**
 * PAN-OS CONFIG log (CSV): FUTURE_USE, Receive Time, Serial, Type=CONFIG, Subtype, FUTURE_USE,
 * Generated Time, Host (the admin's client), Virtual System, Command, Admin, Client (Web/CLI),
 * Result, Configuration Path, ...
 */
export function recognisePanos(body: string): ChangeEvent | undefined {
  const at = body.indexOf(',CONFIG,');
  if (at < 0 || at > 200) return undefined;
  // The record starts three fields before Type; the first field has no space, Receive Time has one.
  let first = at;
  for (let i = 0; i < 2 && first > 0; i++) first = body.lastIndexOf(',', first - 1);
  if (first < 0) return undefined;
  const f = csvFields(body.slice(body.lastIndexOf(' ', first) + 1));
  if (f[3] !== 'CONFIG' || f.length < 13) return undefined;
  if (/^fail/i.test(f[12] ?? '')) return undefined; // a rejected change changes nothing
  const command = [f[9], f[13]].filter(Boolean).join(' ');
  return { kind: f[9] === 'commit' ? 'committed' : 'command', code: 'panos:CONFIG', user: f[10] || undefined, source: f[7] || undefined, via: f[11] || undefined, command: command || undefined };
}

/** Comma-separated, double quotes around fields with commas (`""` is a quote); at most 64 fields. */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  const re = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) && out.length < 64) {
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
