/**
 * Expectation rows read back from the state file, which is treated as hostile: a row that does not
 * parse, or whose ticket would not pass creation, is dropped; free text is cleaned again.
 */
import type { Expectation, ExpectationTarget } from '../authorize/expectation.js';
import { checkTicket, MAX_BY, MAX_NOTE, oneLine } from '../authorize/text.js';

export type Row = Record<string, unknown>;
const date = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);
const strings = (v: unknown): string[] | null => {
  try {
    const parsed: unknown = JSON.parse(String(v));
    return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') ? parsed : null;
  } catch {
    return null;
  }
};

function toTarget(kind: unknown, target: unknown): ExpectationTarget | null {
  if (kind === 'devices') {
    const devices = strings(target);
    return devices && devices.length ? { kind, devices } : null;
  }
  if ((kind === 'group' || kind === 'tag') && typeof target === 'string' && target) return kind === 'group' ? { kind, group: target } : { kind, tag: target };
  return null;
}

/** A row as an Expectation, or null when any field does not parse (the row is then ignored). */
export function toExpectation(r: Row): Expectation | null {
  const target = toTarget(r.target_kind, r.target);
  const lines = strings(r.lines);
  const createdAt = date(r.created_at);
  const until = date(r.until);
  // A ticket that would not pass creation (a forged row) must not reach a trailer: skip the row.
  const ticket = checkTicket(String(r.ticket ?? ''));
  if (!target || !lines || !createdAt || !until || !('ticket' in ticket) || typeof r.id !== 'number') return null;
  return {
    id: r.id,
    target,
    ticket: ticket.ticket,
    lines,
    note: typeof r.note === 'string' ? oneLine(r.note, MAX_NOTE) : null,
    by: oneLine(String(r.created_by ?? ''), MAX_BY),
    createdAt,
    until,
    cancelledAt: date(r.cancelled_at),
    cancelledBy: typeof r.cancelled_by === 'string' ? oneLine(r.cancelled_by, MAX_BY) : null,
    usedOn: typeof r.used_on === 'string' && r.used_on ? [...new Set(r.used_on.split('\n'))] : [],
    expiryNotifiedAt: date(r.expiry_notified_at),
  };
}
