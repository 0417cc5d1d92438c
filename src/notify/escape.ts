/**
 * Text hygiene for hostile input. Device output, inventory fields and attribution come from
 * devices and people we do not control: they must not add mail headers, ping a Slack channel,
 * close a code block, or reorder text with bidi controls.
 */

// C0 (except \t \n \r), DEL, C1.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidi overrides/isolates/marks and zero-width joiners that can disguise text.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// ANSI/VT escape sequences (CSI ... final byte, OSC ... BEL/ST, and 2-char ESC x).
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** One safe line: no CR/LF/tab/line separators (become spaces), no control or invisible characters. */
export function oneLine(s: string): string {
  return s
    .replace(ANSI, '')
    .replace(/\r\n|[\r\n\t\u2028\u2029\u0085]/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Multi-line text with `\n` line ends only; tabs kept; other control and invisible characters removed. */
export function cleanMultiline(s: string): string {
  return s
    .replace(ANSI, '')
    .replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '');
}

/** Cut to at most `max` UTF-16 units, never splitting a surrogate pair, ending with `…` when cut. */
export function truncate(s: string, max: number, ellipsis = '…'): string {
  if (s.length <= max) return s;
  return takeFitting(s, max - ellipsis.length, (c) => c.length) + ellipsis;
}

/**
 * The longest prefix of `raw` (whole code points) whose *encoded* length fits in `budget`,
 * where `cost(ch)` is the length a character has once encoded. Cutting raw text before encoding
 * means an escape sequence (`&amp;`, a broken fence) is never split.
 */
export function takeFitting(raw: string, budget: number, cost: (ch: string) => number): string {
  let used = 0;
  let out = '';
  for (const ch of raw) {
    const c = cost(ch);
    if (used + c > budget) break;
    used += c;
    out += ch;
  }
  return out;
}

/** Slack: the three characters Slack asks to escape. Applied to every text we send it. */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ZWSP = '\u200b';

/**
 * Slack code-block content: cleaned, escaped, and with no two backticks adjacent (a zero-width
 * space goes between them) so the text cannot close the ``` fence around it.
 */
export function slackCode(s: string): string {
  return slackEscape(cleanMultiline(s)).replace(/`(?=`)/g, '`' + ZWSP);
}

/** Encoded length of one character inside a Slack code block (matches slackCode for a single char). */
export function slackCodeCost(ch: string): number {
  if (ch === '&') return 5;
  if (ch === '<' || ch === '>') return 4;
  if (ch === '`') return 1 + ZWSP.length; // upper bound: a backtick may get a ZWSP after it
  return ch.length;
}

/** Encoded length of one character in escaped Slack text. */
export function slackTextCost(ch: string): number {
  if (ch === '&') return 5;
  if (ch === '<' || ch === '>') return 4;
  return ch.length;
}

/** Slack text: one line, escaped, at most `max` characters *after* escaping, cut before escaping. */
export function slackLine(s: string, max: number): string {
  const clean = oneLine(s);
  const full = slackEscape(clean);
  if (full.length <= max) return full;
  return slackEscape(takeFitting(clean, max - 1, slackTextCost)) + '…';
}

/** HTTP header value: printable ASCII only (fetch rejects CR/LF and non-Latin-1 anyway). */
export function headerValue(s: string, max = 200): string {
  return truncate(oneLine(s).replace(/[^\x20-\x7e]/g, '?'), max, '...');
}

/** Remove every occurrence of each secret (and its base64 form) from a message. */
export function redact(message: string, secrets: Array<string | undefined>): string {
  let out = message;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
      out = out.split(form).join('***');
    }
  }
  return out;
}

/** Message of any thrown value, with its `cause` code (ECONNREFUSED, ...) when there is one. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  const causeCode = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  const causeMsg = cause instanceof Error ? cause.message : undefined;
  if (err.name === 'TimeoutError') return 'timed out';
  if (err.name === 'AbortError') return 'aborted (shutting down)';
  const parts = [err.message];
  if (typeof code === 'string' && !err.message.includes(code)) parts.unshift(code);
  if (typeof causeCode === 'string') parts.push(causeCode);
  else if (causeMsg && causeMsg !== err.message) parts.push(causeMsg);
  return oneLine(parts.join(': '));
}
