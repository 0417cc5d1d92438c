/**
 * The drift engine: baseline text + current text (+ ignore rules and driver knowledge) to a
 * drift verdict with a labelled unified diff. Pure. The diff itself is `line-diff.ts`, which keeps
 * src/drift/ the only importer of `diff`.
 */
import type { DriftKnowledge } from '../drivers/types.js';
import { alignPlaceholders, isSecretChange, type FingerprintRules } from '../secrets/migration.js';
import { withoutIgnored } from './ignore.js';
import { lineHunks } from './line-diff.js';
import { hunkHeader } from './unified-diff.js';
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
  /**
   * Changed lines whose only difference is a fingerprint: "secret changed" (the current line; it
   * holds no value). Absent when there are none.
   */
  secretChanges?: SecretChange[];
}

export interface SecretChange {
  line: string;
  section?: string;
}

export interface CompareOptions {
  ignore: readonly RegExp[];
  knowledge?: DriftKnowledge;
  /** File name shown in the diff header. */
  path?: string;
  context?: number;
  /** Placeholder rules (`<masked>` to fingerprint is never drift; after a rekey, fingerprint to fingerprint neither). */
  secrets?: FingerprintRules;
}

export function compareConfigs(baseline: string, current: string, opts: CompareOptions): DriftResult {
  const before = withoutIgnored(alignPlaceholders(baseline, current, opts.secrets), opts.ignore);
  const after = withoutIgnored(current, opts.ignore);
  if (before === after) return { drifted: false, added: 0, removed: 0, severity: 'warning', sections: [], diff: '' };

  const path = opts.path ?? 'config';
  const afterLines = after.split('\n');
  const beforeLines = before.split('\n');
  const hunks = lineHunks(beforeLines, afterLines, { context: opts.context ?? 3 });
  const out: string[] = [`--- a/${path}\tbaseline`, `+++ b/${path}\tcurrent`];
  const sections = new Set<string>();
  const changed: string[] = [];
  const removedLines: string[] = [];
  const secretChanges: SecretChange[] = [];
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    let oldAt = hunk.oldStart - 1;
    let newAt = hunk.newStart - 1;
    let hunkLabel: string | undefined;
    const body: string[] = [];
    for (const line of hunk.lines) {
      const kind = line[0];
      if (kind === '\\') continue; // "\ No newline at end of file"
      body.push(line);
      if (kind === '+' || kind === '-') {
        // Each changed line is labelled from the side that holds it.
        const label = kind === '+' ? sectionLabel(afterLines, newAt, opts.knowledge) : sectionLabel(beforeLines, oldAt, opts.knowledge);
        if (label) {
          hunkLabel ??= label;
          sections.add(label);
        }
        changed.push(line.slice(1));
        if (kind === '+') added++;
        else removed++;
        // Only lines holding a fingerprint can be a secret change; most diffs have none.
        const text = line.slice(1);
        if (text.includes('<secret:')) {
          if (kind === '-') removedLines.push(text);
          else if (removedLines.some((old) => isSecretChange(old, text))) secretChanges.push({ line: text, ...(label ? { section: label } : {}) });
        }
      }
      if (kind !== '+') oldAt++;
      if (kind !== '-') newAt++;
    }
    out.push(`${hunkHeader(hunk)} ${hunkLabel ?? ''}`.trimEnd(), ...body);
  }
  return {
    drifted: added + removed > 0,
    added,
    removed,
    severity: severityOf(changed, [...sections], opts.knowledge),
    sections: [...sections],
    diff: out.join('\n') + '\n',
    ...(secretChanges.length ? { secretChanges } : {}),
  };
}
