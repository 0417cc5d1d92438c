/**
 * Device output, inventory fields and the store's own files are hostile: printed raw, an ESC
 * sequence could rewrite the operator's screen (hide a line, fake a prompt, set the window title)
 * and a bidi override could make `permit` read as `deny`. Everything such a source gives us goes
 * through here before it reaches a terminal; the controls are shown escaped, never dropped, so the
 * operator sees that something odd was there.
 */

// C0 controls, DEL, C1 controls, bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same, except tab and newline, for multi-line text (a stored config).
const UNSAFE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line, every control shown escaped (a newline becomes `\x0a`: one field stays one line). */
export function safeLine(s: string | null | undefined): string {
  return (s ?? '').replace(UNSAFE_LINE, escape);
}

/** Multi-line text: tabs and newlines kept, every other control escaped (a CR too: it could overwrite a line). */
export function safeText(s: string): string {
  return s.replace(UNSAFE_TEXT, escape);
}
