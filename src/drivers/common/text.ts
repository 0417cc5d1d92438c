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
  // Each step only runs when its character is there: configs are large and usually clean,
  // and every replace or split of a whole config is a full copy.
  let text = raw;
  // ESC E (NEL, "next line"; HP ProCurve draws lines with it) is a line break, not decoration.
  if (text.includes('\x1b')) text = text.replace(/\x1bE/g, '\n').replace(ANSI, '');
  if (!text.includes('\r') && !text.includes('\b')) return text;
  text = text.replace(/\r+\n/g, '\n');
  // "abc\b\bX" as a terminal shows it
  if (text.includes('\b')) {
    while (/[^\n\b]\x08/.test(text)) text = text.replace(/[^\n\b]\x08/g, '');
    text = text.replace(/\x08/g, '');
  }
  if (!text.includes('\r')) return text;
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

/**
 * `tidy(dropLines(commandBody(raw, command, prompt), volatile))` in one pass over the lines (one
 * split, one join): the hot path of every pull of a large config.
 */
export function configBody(raw: string | undefined, command: string, prompt: RegExp, volatile: readonly RegExp[]): string {
  if (raw === undefined) return '';
  const lines = normalizeTerminalText(raw).split('\n');
  let start = 0;
  if (lines.length && lines[0]!.trimEnd().endsWith(command.trim())) start = 1;
  let end = lines.length;
  while (end > start && (lines[end - 1]!.trim() === '' || prompt.test(lines[end - 1]!))) end--;
  const kept: string[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    if (volatile.some((p) => p.test(line))) continue;
    const trimmed = line.trimEnd();
    if (trimmed === '' && kept.length === 0) continue;
    kept.push(trimmed);
  }
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.length ? kept.join('\n') + '\n' : '';
}

/**
 * Apply line-anchored mask rules only to lines that mention a `prefilter` keyword: one test per
 * line instead of one scan of the whole config per rule. Rules must not span lines.
 */
export function applyLineMasks(text: string, rules: readonly MaskRule[], prefilter: RegExp): string {
  let changed = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!prefilter.test(line)) continue;
    const masked = applyMasks(line, rules);
    if (masked !== line) {
      lines[i] = masked;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
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
