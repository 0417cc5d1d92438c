/**
 * Completeness for interactive shells: in shell mode a command's output ends with the device's
 * next prompt. A capture whose last line is not a prompt was cut off (connection lost, deadline).
 */
import { PullError } from '../../core/errors.js';
import { normalizeTerminalText } from './text.js';

/** True when the last non-blank line of `raw` (terminal artifacts resolved) is a prompt. */
export function endsWithPrompt(raw: string, prompt: RegExp): boolean {
  const lines = normalizeTerminalText(raw).split('\n');
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  const last = lines[lines.length - 1];
  return last !== undefined && prompt.test(last);
}

/**
 * Throws PullError('incomplete-output') when `raw` does not close with a prompt. With
 * `allowEmpty`, an empty capture (command not run, best-effort facts) is accepted.
 */
export function requirePromptClosed(raw: string | undefined, command: string, prompt: RegExp, allowEmpty = false): void {
  if (!raw) {
    if (allowEmpty) return;
    throw new PullError('incomplete-output', `${command}: no output`);
  }
  if (!endsWithPrompt(raw, prompt)) {
    throw new PullError('incomplete-output', `${command}: output does not end at the prompt (truncated?)`);
  }
}
