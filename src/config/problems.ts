/** A problem found in the config or inventory, named by file, line and device. */
import { escapeControls, printable } from './printable.js';

export interface ConfigProblem {
  file: string;
  line?: number;
  device?: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

// Values quoted in messages are cut where they are quoted; this bounds the rest (the platform list is ~1,200).
const MAX_MESSAGE = 2000;

/** `file:line: device NAME: message`, with control characters escaped (names are hostile input). */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const message = printable(p.message, MAX_MESSAGE);
  return escapeControls(`${where}: `) + `${p.device !== undefined ? `device ${printable(p.device)}: ` : ''}${message}`;
}
