/**
 * Pure text helpers shared by drivers: turning a raw terminal capture into clean lines.
 * Everything here takes and returns strings; nothing reads the clock or the network.
 */

// CSI sequences (colors, cursor moves, erase line), OSC titles, and lone ESC + one char
// (including the keypad modes ESC = and ESC > that pagers send).
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>@-Z\\-_]/g;

/** Mask text that replaces every secret in stored configs; drivers use it, tests look for it. */
export const MASK = '<masked>';

/** Remove ANSI escapes, resolve backspaces and carriage-return overwrites, unify line ends. */
export function normalizeTerminalText(raw: string): string {
  // ESC E (NEL, "next line"; HP ProCurve draws lines with it) is a line break, not decoration.
  let text = raw.replace(/\x1bE/g, '\n').replace(ANSI, '').replace(/\r+\n/g, '\n');
  // "abc\b\bX" as a terminal shows it
  while (/[^\n\b]\x08/.test(text)) text = text.replace(/[^\n\b]\x08/g, '');
  text = text.replace(/\x08/g, '');
  // A CR inside a line means the device overwrote what came before it (pager erase).
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes('\r')) return line;
      const parts = line.split('\r').filter((p) => p.trim() !== '');
      return parts.length ? parts[parts.length - 1]! : '';
    })
    .join('\n');
}

/** Drop the first line when it is the device's echo of `command` (possibly preceded by a prompt). */
export function stripEcho(text: string, command: string): string {
  const nl = text.indexOf('\n');
  const first = nl === -1 ? text : text.slice(0, nl);
  if (first.trimEnd().endsWith(command.trim())) return nl === -1 ? '' : text.slice(nl + 1);
  return text;
}

/** Drop trailing lines that are the prompt (or blank). */
export function stripTrailingPrompt(text: string, prompt: RegExp): string {
  const lines = text.split('\n');
  while (lines.length) {
    const last = lines[lines.length - 1]!;
    if (last.trim() === '' || prompt.test(last)) lines.pop();
    else break;
  }
  return lines.join('\n');
}

/** The usual first step for shell transcripts: normalize, drop echo and the closing prompt. */
export function commandBody(raw: string | undefined, command: string, prompt: RegExp): string {
  if (raw === undefined) return '';
  return stripTrailingPrompt(stripEcho(normalizeTerminalText(raw), command), prompt);
}

/** Remove every line matching any pattern. */
export function dropLines(text: string, patterns: readonly RegExp[]): string {
  if (!patterns.length) return text;
  return text
    .split('\n')
    .filter((line) => !patterns.some((p) => p.test(line)))
    .join('\n');
}

/** Trim leading blank lines, trailing whitespace per line, and end with exactly one newline. */
export function tidy(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n') + '\n' : '';
}

export interface MaskRule {
  /** Must be global (`g`); groups before the secret are kept via `$1` etc. in `replace`. */
  pattern: RegExp;
  replace: string;
}

/** Apply mask rules in order. Rules must be written so applying them twice changes nothing. */
export function applyMasks(text: string, rules: readonly MaskRule[]): string {
  return rules.reduce((acc, rule) => acc.replace(rule.pattern, rule.replace), text);
}

/** First capture group of `pattern` in `text`, trimmed, or undefined. */
export function capture(text: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(text);
  return m?.[1]?.trim() || undefined;
}
