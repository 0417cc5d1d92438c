/**
 * Per-sender token buckets: each sender may send `burst` messages at once and `rate` per second
 * after that; the rest is dropped (and counted) before any parsing, so one noisy or hostile sender
 * costs little CPU and cannot crowd the state file or the pull queue. Bounded number of senders.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
    private readonly maxSenders = 10_000,
  ) {}

  /** Take one token for `sender`; false when it is over its rate. */
  take(sender: string): boolean {
    const t = this.now();
    let b = this.buckets.get(sender);
    if (!b) {
      if (this.buckets.size >= this.maxSenders) this.evict(t);
      b = { tokens: this.burst, at: t };
      this.buckets.set(sender, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.ratePerSecond);
      b.at = t;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Forget senders whose bucket is full again (they lose nothing); else the oldest one. */
  private evict(t: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.ratePerSecond >= this.burst) this.buckets.delete(k);
    }
    if (this.buckets.size >= this.maxSenders) this.buckets.delete(this.buckets.keys().next().value!);
  }

  get senders(): number {
    return this.buckets.size;
  }
}
