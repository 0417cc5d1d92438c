/**
 * Added/removed line counts between two versions of a file, like `git diff --numstat`.
 * Common leading and trailing lines are skipped first (configs change in a few places), the rest
 * goes through `diff`'s Myers line diff, bounded (edit length and time): past that the counts fall back to a
 * multiset comparison (never larger than the true diff, exact for pure additions/removals).
 */
import { diffLines } from 'diff';

const MAX_EDIT = 2000;
const TIMEOUT_MS = 250;

/** Lines including their terminator; a last line without newline is still a line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

export function countLines(text: string): number {
  if (text === '') return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

export interface LineStats {
  added: number;
  removed: number;
}

export function lineStats(before: string | null | undefined, after: string): LineStats {
  if (before === null || before === undefined || before === '') return { added: countLines(after), removed: 0 };
  if (before === after) return { added: 0, removed: 0 };
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length === 0 || midB.length === 0) return { added: midB.length, removed: midA.length };
  const changes = diffLines(midA.join(''), midB.join(''), { maxEditLength: MAX_EDIT, timeout: TIMEOUT_MS });
  if (!changes) return multisetStats(midA, midB);
  let added = 0;
  let removed = 0;
  for (const c of changes) {
    if (c.added) added += c.count;
    else if (c.removed) removed += c.count;
  }
  return { added, removed };
}

function multisetStats(a: string[], b: string[]): LineStats {
  const counts = new Map<string, number>();
  for (const l of a) counts.set(l, (counts.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of b) {
    const n = counts.get(l) ?? 0;
    if (n > 0) {
      counts.set(l, n - 1);
      common++;
    }
  }
  return { added: b.length - common, removed: a.length - common };
}
