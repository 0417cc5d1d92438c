/**
 * Answer lookup over a transcript (same matching as `answerFor`: the command without its trailing
 * newline), with a cursor for ordered recordings and per-device overrides. The index is built once
 * per transcript object, so a fleet sharing parsed transcripts shares it too.
 */
import type { Transcript } from './transcript.js';

const indexes = new WeakMap<Transcript, Map<string, number[]>>();

/** The lookup key of a command: its text without the trailing newline. */
export function commandKey(command: string): string {
  return command.replace(/\r?\n$/, '');
}

function indexOf(t: Transcript): Map<string, number[]> {
  let index = indexes.get(t);
  if (!index) {
    index = new Map();
    t.commands.forEach(([cmd], i) => {
      const key = commandKey(cmd);
      const list = index!.get(key);
      if (list) list.push(i);
      else index!.set(key, [i]);
    });
    indexes.set(t, index);
  }
  return index;
}

export interface Found {
  answer: string;
  /** Cursor position after this answer (index of the entry + 1). */
  next: number;
}

/**
 * The recorded answer for `command`. For ordered transcripts the entry at or after `cursor` wins
 * (so a command recorded twice replays its answers in turn), falling back to the first one.
 */
export function findAnswer(t: Transcript, command: string, cursor = 0): Found | undefined {
  const key = commandKey(command);
  let list = indexOf(t).get(key);
  if (!list && key.trim() !== key) list = indexOf(t).get(key.trim());
  if (!list) return undefined;
  const at = (t.ordered ? list.find((i) => i >= cursor) : undefined) ?? list[0]!;
  return { answer: t.commands[at]![1], next: at + 1 };
}

/** The command that prints the configuration (for config edits without an explicit command). */
export function configCommand(t: Transcript): string {
  const keys = t.commands.map(([c]) => commandKey(c));
  return (
    keys.find((k) => k === 'show running-config') ??
    keys.find((k) => /running-config/.test(k)) ??
    keys.find((k) => /^show configuration/.test(k)) ??
    keys.find((k) => /config/.test(k)) ??
    'show running-config'
  );
}

const rawCache = new WeakMap<Transcript, string[]>();

/**
 * Recorded commands that are not one typed line: keys sent without a newline (a pager's space,
 * `q`, `y`) or several lines sent at once. A shell answers them when its input starts with one,
 * before splitting lines. Longest first.
 */
export function rawCommands(t: Transcript): string[] {
  let raw = rawCache.get(t);
  if (!raw) {
    raw = [...new Set(t.commands.map(([c]) => c).filter((c) => c !== '' && !/^[^\r\n]*\r?\n$/.test(c)))];
    raw.sort((a, b) => b.length - a.length);
    rawCache.set(t, raw);
  }
  return raw;
}
