/**
 * The live progress line of a long pull on a terminal: "pull 42/300, 3 failed, 12.3/s, ETA 21s".
 * The text is pure; the line redraws itself in place (CR + erase line) at most once per
 * `minIntervalMs` however fast results arrive, and event lines are printed above it.
 */
import { shortDuration } from './age.js';

export interface ProgressCounts {
  done: number;
  total: number;
  failed: number;
}

export function progressText(c: ProgressCounts, elapsedMs: number): string {
  const secs = elapsedMs / 1000;
  const rate = secs > 0 ? c.done / secs : 0;
  const eta = rate > 0 && c.done < c.total ? `, ETA ${shortDuration((c.total - c.done) / rate)}` : '';
  return `pull ${c.done}/${c.total}, ${c.failed} failed, ${rate.toFixed(1)}/s${eta}`;
}

const CLEAR = '\r\x1b[2K';

export class ProgressLine {
  private readonly started: number;
  private lastDraw = -Infinity;
  private shown = '';
  /** How many times the line was redrawn with new counts (tests check the throttle). */
  draws = 0;

  constructor(
    private readonly write: (s: string) => void,
    private readonly now: () => number,
    private readonly minIntervalMs = 100,
  ) {
    this.started = now();
  }

  /** New counts: redraw unless the last redraw was too recent (the last result always draws). */
  update(c: ProgressCounts): void {
    const t = this.now();
    if (t - this.lastDraw < this.minIntervalMs && c.done < c.total) return;
    this.lastDraw = t;
    this.draws++;
    this.shown = progressText(c, t - this.started);
    this.write(CLEAR + this.shown);
  }

  /** An event line above the progress line. */
  print(line: string): void {
    this.write(CLEAR + line + '\n' + this.shown);
  }

  /** Erase the progress line (before the summary). */
  finish(): void {
    if (this.shown) this.write(CLEAR);
    this.shown = '';
  }
}
