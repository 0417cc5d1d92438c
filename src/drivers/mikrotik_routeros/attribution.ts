/**
 * RouterOS attribution: `/export` names no one, `/system history print` does (newest first; the
 * layout below is as recorded in the shared RouterOS 7 transcripts, columns not aligned):
 *
 *    Flags: U - UNDOABLE
 *    Columns: ACTION, BY, POLICY, TIME
 *      ACTION                            BY           POLICY  TIME
 *    U bridge port changed               user  write   2024-07-31 09:33:47
 *
 * RouterOS 6 prints `jan/02/1970 00:00:00` (unverified). The history names neither the address
 * nor the channel (winbox, ssh, api): those stay empty rather than guessed.
 */
import { attribution, outputLines } from '../common/attribution.js';
import type { AttributionSpec, ChangeAttribution } from '../types.js';

export const SYSTEM_HISTORY = '/system history print without-paging';

const ROW = /^(?:[A-Z] )?\s*(\S.*?)\s+(\S+)\s+(\S+)\s+((?:\d{4}-\d\d-\d\d |[a-z]{3}\/\d\d(?:\/\d{4})? )?\d\d:\d\d:\d\d)\s*$/;

export function parseSystemHistory(output: string): ChangeAttribution | undefined {
  for (const l of outputLines(output)) {
    if (/^\s*(Flags:|Columns:|ACTION\b|#)/.test(l)) continue;
    const m = ROW.exec(l);
    if (m) return attribution({ user: m[2], at: m[4], commands: [m[1]!] });
  }
  return undefined;
}

export const routerosAttribution: AttributionSpec = { from: 'command', command: SYSTEM_HISTORY, parse: parseSystemHistory };
