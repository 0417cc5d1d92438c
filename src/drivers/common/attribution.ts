/**
 * Shared helpers of the per-platform attribution parsers (src/drivers/<id>/attribution.ts).
 * Device text is hostile: outputs are bounded before they are scanned, every field is flattened
 * to one short printable line, and a parser that finds nothing usable returns undefined.
 */
import type { ChangeAttribution } from '../types.js';
import { normalizeTerminalText } from './text.js';

/** Only the tail of a huge log output is read (the newest entries are at one end or the other: both kept). */
const MAX_SCAN = 256 * 1024;
/** Longer lines are no log entry of any platform here: skipped, not cut. */
const MAX_LINE = 4096;
export const MAX_FIELD = 128;
export const MAX_COMMANDS = 20;
export const MAX_COMMAND_LENGTH = 200;

// C0/C1 controls, DEL, line/paragraph separators, bidi controls, BOM.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+/g;

/** Lines of a raw output (ANSI, CRs and backspaces resolved), over-long ones dropped. */
export function outputLines(raw: string | undefined): string[] {
  if (!raw) return [];
  const text = raw.length > 2 * MAX_SCAN ? raw.slice(0, MAX_SCAN) + '\n' + raw.slice(-MAX_SCAN) : raw;
  return normalizeTerminalText(text)
    .split('\n')
    .filter((l) => l.length <= MAX_LINE);
}

/** One printable line, bounded; undefined when nothing is left. */
export function field(value: string | undefined, max = MAX_FIELD): string | undefined {
  if (value === undefined) return undefined;
  const flat = value.replace(UNSAFE, ' ').replace(/\s{2,}/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** The last `MAX_COMMANDS` commands, each one bounded printable line. */
export function boundCommands(commands: readonly string[]): string[] | undefined {
  const out = commands.map((c) => field(c, MAX_COMMAND_LENGTH)).filter((c): c is string => !!c);
  return out.length ? out.slice(-MAX_COMMANDS) : undefined;
}

/** Drops empty fields; undefined unless it names at least a user or a time. */
export function attribution(a: ChangeAttribution): ChangeAttribution | undefined {
  const out: ChangeAttribution = {};
  for (const key of ['user', 'at', 'source', 'via'] as const) {
    const v = field(a[key]);
    if (v) out[key] = v;
  }
  const commands = a.commands && boundCommands(a.commands);
  if (commands) out.commands = commands;
  return out.user || out.at ? out : undefined;
}

/**
 * The config header's attribution and the command's, as one. The header is the device's stamp
 * of the last change and wins; the command adds what the header lacks (via, source, commands),
 * but only when both name the same user: otherwise the command's entry is about another change.
 */
export function mergeDeviceAttribution(header: ChangeAttribution | undefined, command: ChangeAttribution | undefined): ChangeAttribution | undefined {
  if (!command) return header;
  if (!header) return command;
  if (header.user && command.user && header.user !== command.user) return header;
  return { ...command, ...definedOnly(header) };
}

function definedOnly(a: ChangeAttribution): ChangeAttribution {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== '')) as ChangeAttribution;
}

/** What `status` shows as a platform's attribution source: `config`, the command, both, or `none`. */
export function attributionSource(spec: { from: 'config' | 'command'; command?: string; alwaysRunCommand?: boolean } | undefined): string {
  if (!spec) return 'none';
  if (spec.from === 'command') return spec.command ?? 'none';
  return spec.alwaysRunCommand && spec.command ? `config + ${spec.command}` : 'config';
}
