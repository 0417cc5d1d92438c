/**
 * The changed lines of a drift, read back from the unified diff the drift engine stores
 * (DriftResult.diff), so the authorization decision can judge them line by line. Pure.
 */
import type { ChangedLines } from './authorize-drift.js';

/** Added and removed lines of a unified diff; the `---`/`+++` file header is skipped, hunk bodies are read. */
export function changedLinesOf(diff: string): { added: string[]; removed: string[] } {
  const out = { added: [] as string[], removed: [] as string[] };
  let inHunk = false; // before the first @@ the `---`/`+++` lines are the file header, not config lines
  for (const line of diff.split('\n')) {
    if (line.startsWith('@@')) inHunk = true;
    else if (!inHunk) continue;
    else if (line.startsWith('+')) out.added.push(line.slice(1));
    else if (line.startsWith('-')) out.removed.push(line.slice(1));
  }
  return out;
}

export type { ChangedLines };
