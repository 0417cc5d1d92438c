/**
 * Groups snapshots into few git batches: a batch is written when it is full or shortly after
 * its first snapshot arrived. One batch at a time, so commits stay in a single line of history.
 */
import type { Archive, CommitResult, SnapshotToCommit } from '../store/archive.js';

interface Pending {
  snap: SnapshotToCommit;
  resolve(r: CommitResult): void;
  reject(e: unknown): void;
}

export class BatchCommitter {
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly archive: Archive,
    // Each batch spawns git (fast-import, index refresh); forking a process with a large heap costs
    // milliseconds, so batches are big: up to 1,000 snapshots or one second.
    private readonly maxBatch = 1000,
    private readonly maxDelayMs = 1000,
  ) {}

  add(snap: SnapshotToCommit): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ snap, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.schedule(0);
      else this.schedule(this.maxDelayMs);
    });
  }

  private schedule(delay: number): void {
    if (this.timer && delay > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, delay);
  }

  private write(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        const results = await this.archive.commitSnapshots(batch.map((p) => p.snap));
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch (err) {
        batch.forEach((p) => p.reject(err));
      }
    });
    return this.writing;
  }

  /** Write whatever is pending and wait for every batch to finish. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.write();
    await this.writing;
  }
}
