/**
 * Texts of notices (authorized events, sent to channels with `notices: true`) and of the notes an
 * unauthorized alert carries. Pure; every input is a safe name or a sanitised one-line text.
 */
import { describeTarget, type Expectation } from './expectation.js';

export interface LineCounts {
  added: number;
  removed: number;
}

const counts = (c: LineCounts) => `+${c.added} -${c.removed} lines`;

export function windowNotice(device: string, window: string, c: LineCounts): string {
  return `${device}: change authorized by maintenance window ${window} (${counts(c)})`;
}

export function ticketNotice(device: string, tickets: readonly string[], c: LineCounts): string {
  return `${device}: change authorized by ${tickets.join(', ')} (${counts(c)})`;
}

/** "CHG-123 expired, no change seen on edge-r1". */
export function expiredUnusedNotice(e: Pick<Expectation, 'ticket' | 'target'>): string {
  return `${e.ticket} expired, no change seen on ${describeTarget(e.target)}`;
}

export function partlyCoveredNote(tickets: readonly string[], covered: number, total: number): string {
  return `${tickets.join(', ')} covers ${covered} of ${total} changed lines; the other ${total - covered} are not expected`;
}

export function criticalInWindowNote(windows: readonly string[]): string {
  return `inside maintenance window ${windows.join(', ')}, but a critical change needs a window with authorize: all`;
}
