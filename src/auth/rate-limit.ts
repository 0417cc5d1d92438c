/** Fixed-window attempt limiter per key (client address), injected clock; bounded memory. */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** Count an attempt; false when the key is over its limit for the current window. */
  attempt(key: string): boolean {
    const t = this.now().getTime();
    let h = this.hits.get(key);
    if (!h || t - h.start >= this.windowMs) {
      if (this.hits.size > 50_000) this.hits.clear();
      h = { start: t, count: 0 };
      this.hits.set(key, h);
    }
    h.count++;
    return h.count <= this.max;
  }

  /** Seconds until the key's window resets (Retry-After). */
  retryAfter(key: string): number {
    const h = this.hits.get(key);
    if (!h) return 0;
    return Math.max(1, Math.ceil((h.start + this.windowMs - this.now().getTime()) / 1000));
  }
}
