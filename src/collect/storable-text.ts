/**
 * Device output is hostile: a NUL byte would make git treat the config as binary (`git log -p`
 * shows "Binary files differ" from then on) and other C0 controls (ESC, BEL, backspace) can
 * forge or hide text in terminals and alerts. Before anything is stored, NUL and C0 controls other
 * than tab and newline are removed, and CR is dropped (line ends are LF in the store). Unicode
 * separators (U+2028/U+2029/U+0085) are kept: they are ordinary characters inside a line, and the
 * renderers make sure they never break one.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function storableText(text: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE, '') : text;
}
