export interface PoolOptions {
  /**
   * `urgent` (a syslog-announced pull): while such a pool runs, `normal` pools of this process start
   * no new item, so the event loop (SSH crypto on a busy core) is the urgent pull's, not shared
   * with a hundred new sessions of a scheduled cycle. Items already started continue.
   */
  priority?: 'urgent' | 'normal';
}

/** Urgent pools in flight in this process, and who waits for them to end. */
let urgentInFlight = 0;
let urgentDone: { promise: Promise<void>; resolve(): void } | undefined;

function urgentIdle(): Promise<void> | undefined {
  return urgentInFlight ? urgentDone!.promise : undefined;
}

function enterUrgent(): void {
  if (urgentInFlight++ === 0) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    urgentDone = { promise, resolve };
  }
}

function leaveUrgent(): void {
  if (--urgentInFlight === 0) {
    urgentDone!.resolve();
    urgentDone = undefined;
  }
}

/** Run `work` over `items` with at most `concurrency` in flight; results keep input order. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>, opts: PoolOptions = {}): Promise<R[]> {
  const results = new Array<R>(items.length);
  const urgent = opts.priority === 'urgent';
  let next = 0;
  if (urgent) enterUrgent();
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      if (!urgent) for (let wait = urgentIdle(); wait; wait = urgentIdle()) await wait;
      if (next >= items.length) return;
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    if (urgent) leaveUrgent();
  }
  return results;
}
