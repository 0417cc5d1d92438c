/**
 * Reads the recorded-session format of shared/fixtures/device-transcripts (from Oxidized's
 * model specs): YAML whose block scalars hold the body of a Ruby double-quoted string.
 * Pure apart from `loadTranscript`, which reads the file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface Transcript {
  /** File name without folder, e.g. `ios#C9200L-24P-4G_17.09.04a#simulation.yaml`. */
  name: string;
  /** Oxidized model name (first `#` field), e.g. `ios`. */
  model: string;
  /** What the device prints after the session opens (banner, first prompt). */
  initPrompt: string;
  /** Exact command bytes (usually ending in `\n`) to exact answer bytes, in recorded order. */
  commands: Array<[command: string, answer: string]>;
  /** True when the recording was a list (commands must arrive in that order). */
  ordered: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', e: '\x1b', s: ' ', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0',
  '"': '"', '\\': '\\', "'": "'", '#': '#',
};

/** Decode the escapes of a Ruby double-quoted string body (`\x20`, `\t`, `\r`, `\e`, `\"`, `\\`, `\u00e9`). */
export function undumpRuby(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)/gs, (_m, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc.startsWith('u{')) return String.fromCodePoint(parseInt(esc.slice(2, -1), 16));
    if (esc[0] === 'u' && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]+$/.test(esc) && esc !== '0') return String.fromCharCode(parseInt(esc, 8));
    return SIMPLE_ESCAPES[esc] ?? esc;
  });
}

function asText(value: unknown, where: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw new Error(`${where}: expected text, got ${typeof value}`);
  return undumpRuby(value);
}

/** Parse the YAML text of a simulation transcript. */
export function parseTranscript(yamlText: string, name = 'transcript'): Transcript {
  const doc = parseYaml(yamlText) as { init_prompt?: unknown; commands?: unknown } | null;
  if (!doc || typeof doc !== 'object') throw new Error(`${name}: not a transcript (no YAML mapping)`);
  const commands: Array<[string, string]> = [];
  let ordered = false;
  const raw = doc.commands;
  if (Array.isArray(raw)) {
    ordered = true;
    for (const entry of raw) {
      for (const [cmd, answer] of Object.entries(entry as Record<string, unknown>)) {
        commands.push([undumpRuby(cmd), asText(answer, `${name}: ${cmd}`)]);
      }
    }
  } else if (raw && typeof raw === 'object') {
    for (const [cmd, answer] of Object.entries(raw as Record<string, unknown>)) {
      commands.push([undumpRuby(cmd), asText(answer, `${name}: ${cmd}`)]);
    }
  }
  return {
    name,
    model: name.split('#')[0] ?? '',
    initPrompt: asText(doc.init_prompt, `${name}: init_prompt`),
    commands,
    ordered,
  };
}

export function loadTranscript(path: string): Transcript {
  return parseTranscript(readFileSync(path, 'utf8'), basename(path));
}

/** The answer recorded for `command` (without its trailing newline), if any. */
export function answerFor(t: Transcript, command: string): string | undefined {
  const wanted = command.replace(/\r?\n$/, '');
  for (const [cmd, answer] of t.commands) {
    if (cmd.replace(/\r?\n$/, '') === wanted) return answer;
  }
  return undefined;
}
