/**
 * Junos attribution. The config header `## Last commit: 2024-12-06 11:41:05 UTC by root` names
 * who and when (seen in recordings). `show system commit` adds the channel (`via cli`, `netconf`,
 * `junoscript`, `j-web`...) and runs only when the header names no user. Format from Juniper's
 * CLI reference (unverified against a recording):
 *
 *    0   2025-09-30 03:12:05 UTC by jdoe via netconf
 *        ticket CHG-1234
 *    1   2025-09-29 17:00:00 UTC by admin via cli
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

const CONFIG = 'show configuration | display omit';
export const SYSTEM_COMMIT = 'show system commit';

/** `<time> by <user> [via <client>]`: Junos `show system commit` and VyOS `show system commit` lines. */
export const COMMIT_LINE = /^\s*0\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: \S+)?) by (\S+)(?: via (\S+))?/;

export function junosHeader(raw: string | undefined): ChangeAttribution | undefined {
  const m = /^## Last (?:commit|changed): (.+?)(?: by (\S+))?\s*$/m.exec((raw ?? '').slice(0, 8192).replace(/\r/g, ''));
  return m ? attribution({ at: m[1], user: m[2] }) : undefined;
}

/** Entry 0 (the newest commit) of `show system commit`. */
export function parseSystemCommit(output: string): ChangeAttribution | undefined {
  for (const l of outputLines(output)) {
    const m = COMMIT_LINE.exec(l);
    if (m) return attribution({ at: m[1], user: m[2], via: m[3] });
  }
  return undefined;
}

export const junosAttribution: AttributionSpec = {
  from: 'config',
  fromConfig: (outputs) => junosHeader(outputs[CONFIG]),
  command: SYSTEM_COMMIT,
  parse: parseSystemCommit,
};
