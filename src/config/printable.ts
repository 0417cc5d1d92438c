/**
 * Values from the config file end up in problem messages on a terminal: a name holding ESC, a
 * bidi override or a line separator must be shown, never obeyed, and a 5,000-character name must
 * not flood the screen. Escaped (visible) rather than removed, so the user sees what to fix.
 */

// C0, DEL, C1, line/paragraph separators, bidi marks/overrides/isolates, zero-width characters, BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every unsafe character as `\xNN` / `\uNNNN`. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** A value fit to quote in a message: escaped, and cut to `max` characters with its real length. */
export function printable(s: string, max = 64): string {
  const escaped = escapeControls(s);
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max)}…(${s.length} characters)`;
}
