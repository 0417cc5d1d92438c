/** The plain-text part of an alert mail (pure). One config line is one text line, with its marker. */
import { diffLines } from '../diff-lines.js';
import { cleanMultiline, oneLine } from '../escape.js';
import { alertFields, safeLink, statsText } from '../fields.js';
import { nextSteps } from '../next-steps.js';
import { headline } from '../subject.js';
import { KIND_TITLES, type Alert } from '../types.js';

function field(label: string, value: string): string {
  return `${(label + ':').padEnd(12)}${oneLine(value)}`;
}

export function renderText(alert: Alert): string {
  const lines: string[] = [`${KIND_TITLES[alert.kind]} on ${oneLine(alert.device.name)}`, headline(alert)];
  if (alert.notice) lines.push('(notice: for your information, nothing to do)');
  lines.push('');
  const steps = nextSteps(alert);
  const link = safeLink(alert);
  if (steps.length || link) {
    lines.push('What to do:', ...steps.map((s) => `  - ${s}`));
    if (link) lines.push(`  - Review it online: ${link}`);
    lines.push('');
  }
  lines.push(...alertFields(alert).map(([label, value]) => field(label, value)));
  if (alert.sections?.length) {
    lines.push('', 'Sections touched:', ...alert.sections.map((s) => `  - ${oneLine(s)}`));
  }
  if (alert.detail) {
    lines.push('', 'Detail:', cleanMultiline(alert.detail).replace(/\n+$/, ''));
  }
  if (alert.diff) {
    const stats = statsText(alert);
    lines.push('', `Diff${stats ? ` (${stats})` : ''}:`, '', ...diffLines(alert.diff).map((l) => l.text));
  }
  lines.push('', '-- ', `driftwatch alert ${oneLine(alert.id)}`);
  return lines.join('\n') + '\n';
}
