/**
 * IOS / IOS-XE attribution. The config header `! Last configuration change at <time> by <user>`
 * names who and when (no extra command needed). Where the archive logger is on (`archive` /
 * `log config` / `logging enable`, ideally with `hidekeys`), `show archive log config all` adds the
 * commands typed and the line they came in on, so it runs when the config changed:
 *
 *    idx   sess           user@line      Logged command
 *      1     1        console@console  |  logging enable
 *      2     2           jdoe@vty0     |  username backdoor privilege 15 secret *****
 *
 * Format from Cisco's configuration guides (IOS 15) and public outputs; the IOS-XE 16+ variant
 * (`|!exec: enable`, no spaces after the bar) is unverified against a recording. Without the
 * archive the device answers an error or an empty table: no attribution from the command.
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

export const ARCHIVE_LOG = 'show archive log config all';
const CONFIG = 'show running-config';

const ROW = /^\s*(\d+)\s+(\d+)\s+(\S+)@(\S+)\s+\|\s?(.*)$/;

/** `! Last configuration change at 09:37:40 CEST Tue Aug 20 2024 by alice` (first 4 KB of the config). */
export function iosHeader(raw: string | undefined): ChangeAttribution | undefined {
  const m = /^! Last configuration change at (.+?)(?: by (\S+))?\s*$/m.exec((raw ?? '').slice(0, 4096).replace(/\r/g, ''));
  return m ? attribution({ at: m[1], user: m[2] }) : undefined;
}

/** The newest session of the archive log: its user, line and the config commands it typed. */
export function parseArchiveLog(output: string): ChangeAttribution | undefined {
  const rows: Array<{ idx: number; sess: string; user: string; line: string; command: string }> = [];
  for (const l of outputLines(output)) {
    const m = ROW.exec(l);
    if (m) rows.push({ idx: Number(m[1]), sess: m[2]!, user: m[3]!, line: m[4]!, command: m[5]!.trim() });
  }
  if (!rows.length) return undefined;
  const last = rows.reduce((a, b) => (b.idx >= a.idx ? b : a));
  // `!exec: enable` and similar markers are not config commands.
  const commands = rows.filter((r) => r.sess === last.sess && r.user === last.user && !r.command.startsWith('!')).map((r) => r.command);
  return attribution({ user: last.user, via: last.line, commands });
}

export const iosAttribution: AttributionSpec = {
  from: 'config',
  fromConfig: (outputs) => iosHeader(outputs[CONFIG]),
  command: ARCHIVE_LOG,
  parse: parseArchiveLog,
  // The header names who and when; only the archive names what was typed.
  alwaysRunCommand: true,
};
