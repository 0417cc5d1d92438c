/**
 * Operator-supplied text (ticket, note, who) ends up in git tag messages, commit trailers, state
 * and alert text: one printable line, bounded, so it can never forge a trailer or a header line.
 */

// C0/C1 controls, DEL, Unicode line/paragraph separators, and bidi overrides that reorder what a reader sees.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g;

/** One printable line of at most `max` characters (cut with an ellipsis). */
export function oneLine(text: string, max: number): string {
  const line = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

export const MAX_TICKET = 64;
export const MAX_NOTE = 500;
export const MAX_BY = 100;

// A ticket is an identifier, not prose: it appears in `Change-Ticket:` trailers and tag messages.
const TICKET = /^[A-Za-z0-9][A-Za-z0-9._:#-]*$/;

/** The ticket as given, or an error message saying what is wrong with it (never truncated: a cut ticket names another). */
export function checkTicket(ticket: string): { ticket: string } | { error: string } {
  const t = ticket.trim();
  if (!t) return { error: 'ticket is required (e.g. --ticket CHG-123)' };
  if (t.length > MAX_TICKET) return { error: `ticket is longer than ${MAX_TICKET} characters` };
  if (!TICKET.test(t)) return { error: `ticket "${oneLine(t, MAX_TICKET)}" may only contain letters, digits and . _ : # - (starting with a letter or digit)` };
  return { ticket: t };
}
