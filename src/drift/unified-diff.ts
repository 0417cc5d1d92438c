/** Hunk headers and whole unified diffs (git style) from the line diff's hunks. Pure. */
import { lineHunks, type LineDiffOptions, type LineHunk } from './line-diff.js';

/** `@@ -oldStart,oldLines +newStart,newLines @@`, git style: a 0-line side starts at the line before. */
export function hunkHeader(h: LineHunk): string {
  const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
  const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
  return `@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`;
}

export interface UnifiedDiffOptions extends LineDiffOptions {
  oldFileName?: string;
  newFileName?: string;
  oldHeader?: string;
  newHeader?: string;
}

/** A unified diff of two texts: file headers then hunks, as `createTwoFilesPatch` with file headers only. */
export function unifiedDiff(oldText: string, newText: string, opts: UnifiedDiffOptions = {}): string {
  const { oldFileName = 'a', newFileName = 'b', oldHeader, newHeader } = opts;
  const out = [`--- ${oldFileName}${oldHeader ? `\t${oldHeader}` : ''}`, `+++ ${newFileName}${newHeader ? `\t${newHeader}` : ''}`];
  for (const h of lineHunks(oldText.split('\n'), newText.split('\n'), opts)) out.push(hunkHeader(h), ...h.lines);
  return out.join('\n') + '\n';
}
