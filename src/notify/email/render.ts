/**
 * Email rendering (pure): subject and plain-text body. Hostile text never reaches a header
 * with CR/LF or control characters; addresses come only from the channel config.
 */
import type { EmailChannelConfig } from './schema.js';
import { cleanMultiline, oneLine, truncate } from '../escape.js';
import { KIND_TITLES, type Alert } from '../types.js';

export interface EmailMessage {
  subject: string;
  text: string;
}

/** RFC 5322 recommends lines under 78 characters; subjects get folded, but keep them readable. */
const SUBJECT_MAX = 200;

export function statsSuffix(alert: Alert): string {
  return alert.stats ? ` (+${alert.stats.added} -${alert.stats.removed})` : '';
}

/** `[driftwatch] <SEVERITY> <device>: <summary> (+A -D)` on one safe line. */
export function renderSubject(alert: Alert): string {
  const head = `[driftwatch] ${alert.severity.toUpperCase()} ${truncate(oneLine(alert.device.name), 64)}: `;
  const tail = statsSuffix(alert);
  const room = Math.max(10, SUBJECT_MAX - head.length - tail.length);
  return head + truncate(oneLine(alert.summary), room) + tail;
}

function field(label: string, value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return [`${(label + ':').padEnd(12)}${oneLine(value)}`];
}

export function attributionText(a: Alert['attribution']): string | undefined {
  if (!a || (!a.user && !a.source && !a.at)) return undefined;
  return [a.user ?? 'unknown user', a.source ? `from ${a.source}` : '', a.at ? `at ${a.at}` : '']
    .filter(Boolean)
    .join(' ');
}

export function renderEmail(alert: Alert, _channel?: EmailChannelConfig): EmailMessage {
  const d = alert.device;
  const lines: string[] = [
    `${KIND_TITLES[alert.kind]} on ${oneLine(d.name)}`,
    oneLine(alert.summary),
    '',
    ...field('Device', d.name),
    ...field('Host', d.host),
    ...field('Platform', d.platform),
    ...field('Group', d.group),
    ...field('Tags', d.tags.length ? d.tags.join(', ') : undefined),
    ...field('Severity', alert.severity),
    ...field('Kind', alert.kind),
    ...field('Detected', alert.detectedAt),
    ...field('Changed by', attributionText(alert.attribution)),
    ...field('Commit', alert.commit),
    ...field('Baseline', alert.baselineCommit),
  ];
  if (alert.sections?.length) {
    lines.push('', 'Sections touched:', ...alert.sections.map((s) => `  - ${oneLine(s)}`));
  }
  if (alert.detail) {
    lines.push('', 'Detail:', cleanMultiline(alert.detail).replace(/\n+$/, ''));
  }
  if (alert.diff) {
    lines.push('', `Diff${statsSuffix(alert)}:`, '', cleanMultiline(alert.diff).replace(/\n+$/, ''));
  }
  lines.push('', '-- ', `driftwatch alert ${oneLine(alert.id)}`);
  return { subject: renderSubject(alert), text: lines.join('\n') + '\n' };
}
