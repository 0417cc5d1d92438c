/**
 * Failed-attempt limiter per key (client address), fixed window, injected clock, bounded memory.
 * Only failures count, so people who log in correctly are never locked out by their own logins.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  private window(key: string): { start: number; count: number } {
    const t = this.now().getTime();
    let h = this.hits.get(key);
    if (!h || t - h.start >= this.windowMs) {
      if (this.hits.size > 50_000) this.hits.clear();
      h = { start: t, count: 0 };
      this.hits.set(key, h);
    }
    return h;
  }

  /** True when the key used up its failures for the current window. */
  blocked(key: string): boolean {
    return this.window(key).count >= this.max;
  }

  fail(key: string): void {
    this.window(key).count++;
  }

  /** Seconds until the key's window resets (Retry-After). */
  retryAfter(key: string): number {
    const h = this.window(key);
    return Math.max(1, Math.ceil((h.start + this.windowMs - this.now().getTime()) / 1000));
  }
}
