/**
 * The one-line headline of an alert, shared by the email subject and Slack's fallback text:
 * `CRITICAL core-sw1: 2 lines changed in line vty 0 4, username (by jdoe)`. Pure; every piece of
 * device text goes through oneLine (no CR/LF, controls or bidi in a header).
 */
import { changedByUser } from './attribution.js';
import { oneLine, truncate } from './escape.js';
import type { Alert } from './types.js';

export const SAFE_DEVICE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Subjects get folded, but keep them readable in a phone's notification. */
export const SUBJECT_MAX = 200;
const SECTIONS_SHOWN = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 lines changed in line vty 0 4, username (by jdoe)`; sections only as the drift engine labelled them. */
export function changeHeadline(alert: Alert): string {
  const n = (alert.stats?.added ?? 0) + (alert.stats?.removed ?? 0);
  const sections = (alert.sections ?? []).map(oneLine).filter(Boolean);
  let text = `${plural(n, 'line')} changed`;
  if (sections.length) {
    text += ` in ${sections.slice(0, SECTIONS_SHOWN).join(', ')}`;
    if (sections.length > SECTIONS_SHOWN) text += ` and ${plural(sections.length - SECTIONS_SHOWN, 'more section')}`;
  }
  const by = changedByUser(alert);
  return by ? `${text} (by ${by})` : text;
}

/** What happened, in one line, by kind. */
export function headline(alert: Alert): string {
  if (!alert.stats) return oneLine(alert.summary);
  switch (alert.kind) {
    case 'drift-new':
      return changeHeadline(alert);
    case 'drift-updated':
      return `updated: ${changeHeadline(alert)}`;
    case 'drift-authorized':
      return `authorized: ${changeHeadline(alert)}`;
    default:
      return oneLine(alert.summary);
  }
}

/** `[driftwatch] CRITICAL core-sw1: 2 lines changed in line vty 0 4, username (by jdoe)`, at most SUBJECT_MAX characters. */
export function renderSubject(alert: Alert): string {
  const head = `[driftwatch] ${alert.severity.toUpperCase()} ${truncate(oneLine(alert.device.name), 64)}: `;
  return head + truncate(headline(alert), Math.max(10, SUBJECT_MAX - head.length));
}
