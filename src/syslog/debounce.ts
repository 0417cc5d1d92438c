/**
 * Per-device debounce: a burst of config-change messages gives one pull, `quietMs` after the last
 * one, but never later than `maxWaitMs` after the first (a device that keeps talking is still
 * pulled). The items of the burst (the events) travel with the pull, bounded.
 */
import type { Timers } from './timers.js';

const KEEP = 20;

export class Debouncer<T> {
  private readonly waiting = new Map<string, { first: number; timer: unknown; items: T[]; count: number }>();

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly timers: Timers,
    private readonly fire: (key: string, items: T[], count: number) => void,
  ) {}

  add(key: string, item: T): void {
    const now = this.timers.now();
    const w = this.waiting.get(key);
    if (w) {
      this.timers.clearTimeout(w.timer);
      w.count++;
      // First and latest items are what matters (who started, who finished the burst).
      if (w.items.length >= KEEP) w.items.splice(1, 1);
      w.items.push(item);
    }
    const entry = w ?? { first: now, timer: undefined, items: [item], count: 1 };
    const wait = Math.max(0, Math.min(this.quietMs, entry.first + this.maxWaitMs - now));
    entry.timer = this.timers.setTimeout(() => this.flush(key), wait);
    this.waiting.set(key, entry);
  }

  private flush(key: string): void {
    const w = this.waiting.get(key);
    if (!w) return;
    this.waiting.delete(key);
    this.fire(key, w.items, w.count);
  }

  /** Drop every pending pull (shutdown). */
  cancelAll(): void {
    for (const w of this.waiting.values()) this.timers.clearTimeout(w.timer);
    this.waiting.clear();
  }

  get pending(): number {
    return this.waiting.size;
  }
}
