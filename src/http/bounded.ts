/**
 * Git reads from the HTTP side are bounded: at most `max` at once, and at most `queue` waiting
 * (past that the request is refused with 503 rather than piling up behind the pull cycle's git work).
 */
export class BusyError extends Error {}

export class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly max = 4,
    private readonly queue = 64,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      if (this.waiting.length >= this.queue) throw new BusyError('too many store reads waiting; try again');
      await new Promise<void>((r) => this.waiting.push(r));
    } else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
