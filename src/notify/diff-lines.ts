/**
 * A unified diff as lines every channel can show safely. Lines are split on `\n` only: a
 * device's U+2028, U+2029, NEL, VT, FF or CR inside a config line stays inside that line, shown
 * as a visible `<U+2028>` marker, so no device can forge a `+`/`-` line or hide text in an alert.
 * Other controls, escape sequences and bidi/invisible characters get the same marker (the
 * reader sees that something odd is there, and nothing reorders or recolours the text).
 */

export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'context' | 'note';

export interface DiffLine {
  kind: DiffLineKind;
  /** The whole line, marker included, made visible-safe. */
  text: string;
}

// C0 except tab, DEL, C1 (NEL included), line/paragraph separators, bidi controls, zero-width and BOM.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** `<U+XXXX>` for every character that could break, hide or reorder a line. */
export function visibleLine(line: string): string {
  return line.replace(UNSAFE, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

function kindOf(line: string): DiffLineKind {
  if (line.startsWith('+++ ') || line.startsWith('--- ')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('\\')) return 'note';
  return 'context';
}

/** The diff's lines (a final newline ends the last line; it does not add an empty one). */
export function diffLines(diff: string): DiffLine[] {
  const raw = diff.split('\n');
  if (raw.at(-1) === '') raw.pop();
  return raw.map((line) => {
    const text = visibleLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    return { kind: kindOf(line), text };
  });
}
