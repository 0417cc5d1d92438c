/**
 * The drift engine: baseline text + current text (+ ignore rules and driver knowledge) to a
 * drift verdict with a labelled unified diff. Pure; the only importer of `diff`.
 */
import { structuredPatch } from 'diff';
import type { DriftKnowledge } from '../drivers/types.js';
import { withoutIgnored } from './ignore.js';
import { sectionLabel } from './sections.js';
import { severityOf, type DriftSeverity } from './severity.js';

export interface DriftResult {
  drifted: boolean;
  added: number;
  removed: number;
  severity: DriftSeverity;
  /** Labels of the sections the hunks touch, in order, unique. */
  sections: string[];
  /** Unified diff (git style), each hunk header carrying its section label. Empty when not drifted. */
  diff: string;
}

export interface CompareOptions {
  ignore: readonly RegExp[];
  knowledge?: DriftKnowledge;
  /** File name shown in the diff header. */
  path?: string;
  context?: number;
}

export function compareConfigs(baseline: string, current: string, opts: CompareOptions): DriftResult {
  const before = withoutIgnored(baseline, opts.ignore);
  const after = withoutIgnored(current, opts.ignore);
  if (before === after) return { drifted: false, added: 0, removed: 0, severity: 'normal', sections: [], diff: '' };

  const path = opts.path ?? 'config';
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, 'baseline', 'current', { context: opts.context ?? 3 });
  const afterLines = after.split('\n');
  const beforeLines = before.split('\n');
  const out: string[] = [`--- a/${path}\tbaseline`, `+++ b/${path}\tcurrent`];
  const sections: string[] = [];
  const changed: string[] = [];
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    // Label from the first changed line, located in whichever side holds it.
    const firstChange = hunk.lines.findIndex((l) => l[0] === '+' || l[0] === '-');
    const offset = hunk.lines.slice(0, firstChange).filter((l) => l[0] !== '+' && l[0] !== '-').length;
    const isAdd = hunk.lines[firstChange]?.[0] === '+';
    const label = isAdd ? sectionLabel(afterLines, hunk.newStart - 1 + offset) : sectionLabel(beforeLines, hunk.oldStart - 1 + offset);
    if (label && !sections.includes(label)) sections.push(label);
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ ${label}`);
    for (const line of hunk.lines) {
      if (line[0] === '+') added++;
      else if (line[0] === '-') removed++;
      if (line[0] === '+' || line[0] === '-') changed.push(line.slice(1));
      if (line.startsWith('\\')) continue; // "\ No newline at end of file"
      out.push(line);
    }
  }
  return {
    drifted: added + removed > 0,
    added,
    removed,
    severity: severityOf(changed, sections, opts.knowledge),
    sections,
    diff: out.join('\n') + '\n',
  };
}
