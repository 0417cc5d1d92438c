/**
 * Bounds what one pull may receive, so a hostile or broken device cannot exhaust memory: a cap
 * on all output of the session and one on any single line. Counting is in bytes, per chunk, in
 * a loop (no recursion, no spreading of big arrays); the caller stops buffering and closes the
 * session at the first error.
 */
import { PullError } from '../core/errors.js';

export interface OutputLimits {
  /** All output of one pull (every command, stdout and stderr). */
  maxBytes: number;
  /** Longest line (bytes between two LF). */
  maxLineBytes: number;
}

export const DEFAULT_LIMITS: OutputLimits = { maxBytes: 16 * 1024 * 1024, maxLineBytes: 1024 * 1024 };

const NEWLINE = 0x0a;

function size(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

/** Returns an error once a limit is passed; the pull must then stop reading. */
export type Meter = (chunk: Buffer) => PullError | undefined;

export class OutputBudget {
  private total = 0;

  constructor(
    private readonly limits: OutputLimits,
    private readonly where: string,
  ) {}

  get received(): number {
    return this.total;
  }

  /** A meter for one stream (a channel's stdout or stderr): its own line state, the shared total. */
  meter(): Meter {
    let line = 0;
    return (chunk) => {
      this.total += chunk.length;
      if (this.total > this.limits.maxBytes) {
        return new PullError('too-large', `${this.where}: output exceeds limits.max_config_bytes (${size(this.limits.maxBytes)}); pull stopped, nothing stored`);
      }
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
        if (line + nl - start > this.limits.maxLineBytes) break;
        line = 0;
        start = nl + 1;
      }
      // Either the rest after the last LF, or the segment that broke the loop (checked just below).
      const next = chunk.indexOf(NEWLINE, start);
      line += (next === -1 ? chunk.length : next) - start;
      if (line > this.limits.maxLineBytes) {
        return new PullError('too-large', `${this.where}: a line exceeds limits.max_line_bytes (${size(this.limits.maxLineBytes)}); pull stopped, nothing stored`);
      }
      return undefined;
    };
  }
}
