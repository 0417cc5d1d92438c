/** Pure text helpers of the simulator: prompts, platform error messages, CRLF, pager, config edits, junk. */

/** Commands that turn paging off on the common platforms. */
export const PAGING_OFF =
  /^(term(inal)? len(gth)? 0|terminal pager 0|set cli screen-length 0|screen-length 0( temporary)?|screen-length disable|no page|terminal datadump|terminal no more|set terminal pager off)$/i;

export const EXIT_COMMANDS = /^(exit|quit|logout)$/i;

/** IOS level-1 (`>`) users cannot see the configuration. */
export const PRIVILEGED_ONLY = /running-config|startup-config|^conf(igure)?\b/i;

export const MORE = ' --More-- ';
/** What IOS writes to wipe the `--More--` marker before going on. */
export const MORE_ERASE = '\r' + ' '.repeat(MORE.length) + '\r';

/** Last line of `text` (after the last `\n`), without `\r`. */
export function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1).replace(/\r/g, '');
}

/** The unprivileged form of a prompt: trailing `#` becomes `>`. */
export function unprivilegedPrompt(prompt: string): string {
  return prompt.replace(/#(\s?)$/, '>$1');
}

/** Replace a trailing `from` prompt (the last line) with `to`. */
export function swapTrailingPrompt(text: string, from: string, to: string): string {
  if (from === to || !text.endsWith(from)) return text;
  return text.slice(0, text.length - from.length) + to;
}

/** What a platform prints for a command it does not know (shell): echo, error, prompt. */
export function unknownCommandAnswer(model: string, line: string, prompt: string): string {
  switch (model) {
    case 'junos':
      return `${line}\n                  ^\nunknown command.\n\n${prompt}`;
    case 'fortios':
    case 'fortigate':
      return `${line}\nUnknown action 0\nCommand fail. Return code -61\n\n${prompt}`;
    case 'routeros':
      return `${line}\nbad command name ${line.split(/\s+/)[0] ?? ''} (line 1 column 1)\n${prompt}`;
    case 'vyos':
    case 'linux':
      return `${line}\n-bash: ${line.split(/\s+/)[0] ?? ''}: command not found\n${prompt}`;
    default:
      return `${line}\n${' '.repeat(prompt.length)}^\n% Invalid input detected at '^' marker.\n\n${prompt}`;
  }
}

/** What a platform writes on stderr for an unknown exec command. */
export function unknownExecMessage(model: string, command: string): string {
  if (model === 'junos') return `error: unknown command: ${command}\n`;
  if (model === 'linux' || model === 'vyos') return `bash: ${command.split(/\s+/)[0] ?? ''}: command not found\n`;
  return `% Invalid input detected at '^' marker.\n`;
}

/** `\n` to `\r\n`, leaving existing `\r\n` alone (what a PTY's ONLCR does). */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Split into lines that keep their terminator (the last one may have none). */
export function splitKeepingEol(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export interface ConfigEdit {
  /** Insert after the first line matching this (default: before a closing `end`, else before the final prompt). */
  after?: RegExp;
}

/**
 * Insert config lines into a recorded answer. With `after`, after the first matching line;
 * otherwise before the closing `end` line, before the trailing prompt, or at the end.
 */
export function insertConfigLines(answer: string, lines: readonly string[], edit: ConfigEdit = {}): string {
  const parts = splitKeepingEol(answer);
  const eol = parts[0]?.endsWith('\r\n') ? '\r\n' : '\n';
  const added = lines.map((l) => l + eol);
  const bare = (p: string) => p.replace(/\r?\n$/, '');
  let at = -1;
  if (edit.after) {
    const re = edit.after;
    at = parts.findIndex((p) => re.test(bare(p)));
    if (at === -1) throw new Error(`no line matches ${String(re)}`);
    at += 1;
  } else {
    at = parts.length;
    // Trailing prompt (unterminated last line) or a trailing empty line.
    const last = parts[parts.length - 1];
    if (last !== undefined && (!last.endsWith('\n') || bare(last).trim() === '')) at -= 1;
    // The closing `end` of an IOS-like config.
    for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
      if (bare(parts[i]!).trim() === 'end') {
        at = i;
        break;
      }
    }
  }
  if (at > 0 && !parts[at - 1]!.endsWith('\n')) parts[at - 1] += eol;
  parts.splice(at, 0, ...added);
  return parts.join('');
}

/** Remove lines matching `pattern`. */
export function removeConfigLines(answer: string, pattern: RegExp): string {
  return splitKeepingEol(answer)
    .filter((p) => !pattern.test(p.replace(/\r?\n$/, '')))
    .join('');
}

/** Random printable junk (no prompt): what a confused or wrong device might send. */
export function junk(bytes = 512, random: () => number = Math.random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!"$%&()*+,-./:;<=?@[]^_{|}~ ';
  let out = '';
  for (let i = 0; i < bytes; i++) {
    out += i % 61 === 60 ? '\n' : chars[Math.floor(random() * chars.length)];
  }
  return out.replace(/[#>$%]\s*$/, '.');
}

/**
 * An answer recorded in a shell, as an exec channel gives it: without the echoed command line
 * and the closing prompt (exec-recorded answers have neither and pass unchanged).
 */
export function execOutput(answer: string, command: string, initPrompt: string): string {
  const prompt = initPrompt.slice(initPrompt.lastIndexOf('\n') + 1);
  const echo = /^(.*)\r?\n/.exec(answer);
  if (!echo || echo[1]!.trim() !== command.trim() || !prompt || !answer.endsWith(prompt)) return answer;
  return answer.slice(echo[0].length, answer.length - prompt.length);
}
