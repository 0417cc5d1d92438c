/**
 * VyOS attribution: `show configuration commands` has no header, so `show system commit` runs
 * when the config changed. Format from the VyOS documentation (unverified against a recording):
 *
 *    0   2025-09-30 03:12:05 by jdoe via cli
 *    1   2025-09-29 17:00:00 by vyos via init
 */
import { attribution, outputLines } from '../common/attribution.js';
import { COMMIT_LINE } from '../juniper_junos/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

export const SYSTEM_COMMIT = 'show system commit';

export function parseVyosCommits(output: string): ChangeAttribution | undefined {
  for (const l of outputLines(output)) {
    const m = COMMIT_LINE.exec(l);
    if (m) return attribution({ at: m[1], user: m[2], via: m[3] });
  }
  return undefined;
}

export const vyosAttribution: AttributionSpec = { from: 'command', command: SYSTEM_COMMIT, parse: parseVyosCommits };
