/**
 * Groups snapshots into few git batches: a batch is written when it is full or shortly after
 * its first snapshot arrived. One batch of this committer at a time, taking what is pending when
 * it starts, so commits stay in a single line of history and snapshots arriving while a batch is
 * written join the next one.
 */
import type { Archive, CommitResult, SnapshotToCommit } from '../store/archive.js';
import { traceStage } from '../core/stage-trace.js';

interface Pending {
  snap: SnapshotToCommit;
  resolve(r: CommitResult): void;
  reject(e: unknown): void;
}

export interface BatchCommitterOptions {
  /**
   * A syslog-announced pull: every snapshot is written at once (no delay) in the store's urgent
   * lane, ahead of the batches a scheduled cycle has queued.
   */
  urgent?: boolean;
  maxBatch?: number;
  maxDelayMs?: number;
}

export class BatchCommitter {
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private readonly urgent: boolean;
  // Each batch spawns git (fast-import, index refresh); forking a process with a large heap costs
  // milliseconds, so batches are big: up to 1,000 snapshots or one second.
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly archive: Archive,
    opts: BatchCommitterOptions = {},
  ) {
    this.urgent = !!opts.urgent;
    this.maxBatch = opts.maxBatch ?? 1000;
    this.maxDelayMs = opts.maxDelayMs ?? (this.urgent ? 0 : 1000);
  }

  add(snap: SnapshotToCommit): Promise<CommitResult> {
    traceStage('pulled', () => [snap.device], this.urgent ? 'urgent' : 'normal');
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
    this.writing = this.writing.then(async () => {
      // Taken now, not when queued: what arrived while the previous batch was written goes too.
      const batch = this.pending.splice(0, this.maxBatch);
      if (!batch.length) return;
      try {
        const results = await this.archive.commitSnapshots(batch.map((p) => p.snap), undefined, { urgent: this.urgent, writer: this });
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch (err) {
        batch.forEach((p) => p.reject(err));
      }
      // A full batch left more behind: write it without waiting for a timer.
      if (this.pending.length >= this.maxBatch || (this.pending.length && !this.timer)) this.schedule(0);
    });
    return this.writing;
  }

  /** Write whatever is pending and wait for every batch to finish. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length) await this.write();
    await this.writing;
  }
}
