/**
 * Commit messages of the store:
 *
 *   sw1: +3 -1 lines
 *
 *   Device: sw1
 *   Platform: cisco_ios
 *   Changed-By: alice            (extra trailers, e.g. attribution)
 *
 * Trailer values come from devices (user names in archive logs, syslog text), so every value is
 * flattened to one line of printable text: no CR/LF or other control characters (no way to forge
 * a trailer or a second paragraph), no bidi overrides, bounded length.
 */

export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const MAX_VALUE = 256;
const RESERVED = new Set(['device', 'platform']);

// C0/C1 controls (incl. CR, LF, TAB, NUL, DEL), line/paragraph separators, bidi controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+/g;

/** One printable line: unsafe characters become a single space, spaces collapsed, trimmed, bounded. */
export function sanitizeTrailerValue(value: unknown): string {
  const flat = String(value ?? '')
    .replace(UNSAFE, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat.length > MAX_VALUE ? flat.slice(0, MAX_VALUE - 1) + '…' : flat;
}

const MAX_AUTHOR = 64;

/**
 * A device user name as a git author name: one line without `<`, `>` or controls (they would
 * break or forge the ident line), bounded; undefined when nothing printable is left.
 */
export function commitAuthorName(user: string | undefined): string | undefined {
  if (user === undefined) return undefined;
  const name = sanitizeTrailerValue(user).replace(/[<>]/g, '').replace(/ {2,}/g, ' ').trim();
  // git trims these from ident names; a name of only them would be empty.
  const trimmed = name.replace(/^[.,:;"' ]+|[.,:;"' ]+$/g, '');
  if (!trimmed) return undefined;
  return trimmed.length > MAX_AUTHOR ? trimmed.slice(0, MAX_AUTHOR) : trimmed;
}

export function assertSafeName(what: string, value: string): void {
  if (typeof value !== 'string' || !SAFE_NAME.test(value) || value.length > 200) {
    throw new Error(`invalid ${what} ${JSON.stringify(value)}: must match [A-Za-z0-9][A-Za-z0-9._-]*`);
  }
}

/** Validates trailer keys (they come from code, not devices): throws on a bad or reserved key. */
export function checkTrailerKeys(trailers: Record<string, string> | undefined): void {
  for (const key of Object.keys(trailers ?? {})) {
    if (!TRAILER_KEY.test(key) || key.length > 64) throw new Error(`invalid trailer key ${JSON.stringify(key)}`);
    if (RESERVED.has(key.toLowerCase())) throw new Error(`trailer key ${key} is reserved`);
  }
}

export function commitSubject(device: string, added: number, removed: number): string {
  return `${device}: +${added} -${removed} lines`;
}

export function buildCommitMessage(m: {
  device: string;
  platform: string;
  added: number;
  removed: number;
  trailers?: Record<string, string>;
  subject?: string;
}): string {
  const lines = [m.subject ? sanitizeTrailerValue(m.subject) : commitSubject(m.device, m.added, m.removed), '', `Device: ${m.device}`, `Platform: ${m.platform}`];
  for (const [key, raw] of Object.entries(m.trailers ?? {})) {
    const value = sanitizeTrailerValue(raw);
    if (value) lines.push(`${key}: ${value}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * One commit for many devices' first snapshots (large first imports): subject with the count,
 * one `Device:` trailer per device so `git log --grep` and trailer parsers still find them.
 */
export function buildImportMessage(devices: ReadonlyArray<{ device: string; platform: string; added: number }>): string {
  const lines = devices.reduce((n, d) => n + d.added, 0);
  return [`import: ${devices.length} devices, +${lines} lines`, '', ...devices.map((d) => `Device: ${d.device}`)].join('\n') + '\n';
}
