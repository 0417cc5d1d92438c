/**
 * Added/removed line counts between two versions of a file, like `git diff --numstat`, from the
 * drift engine's line diff (src/drift stays the only importer of `diff`).
 */
import { lineEdits } from '../drift/line-diff.js';

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
  let added = 0;
  let removed = 0;
  for (const e of lineEdits(before.split('\n'), after.split('\n'))) {
    if (e.kind === 'added') added += e.count;
    else if (e.kind === 'removed') removed += e.count;
  }
  return { added, removed };
}
