/**
 * The store's work tree: kept equal to HEAD so people can use plain git there. New file contents
 * are staged as temp files beside their targets (bounded concurrency, overlapping the
 * fast-import) and renamed over the targets once the commits exist, so a reader never sees a
 * half-written file and the work tree is never ahead of HEAD. The index is refreshed once per
 * batch, re-hashing only the files that changed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gitOk } from './git-exec.js';

/** Temp files start with this (listed in .git/info/exclude, so a crash leftover never shows in `git status`). */
export const TMP_PREFIX = '.driftwatch-tmp-';
const WRITE_CONCURRENCY = 16;

/** Write temp file in the same directory, then rename over the target. */
export async function writeAtomic(abs: string, data: Buffer): Promise<void> {
  const dir = dirname(abs);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${TMP_PREFIX}${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, abs);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Index := HEAD in one process: a mixed reset keeps the stat data of unchanged entries and
 * re-hashes only the changed files (git >= 2.38 refreshes even with --quiet; older versions leave
 * those few entries for the next `git status` to refresh, which is still clean).
 */
export async function refreshIndex(dir: string): Promise<void> {
  await gitOk(dir, ['reset', '--quiet', '--mixed', 'HEAD', '--']);
}

/**
 * New file contents written as temp files next to their targets (bounded concurrency), renamed
 * over the targets on commit() (atomic per file), removed on discard().
 */
export class StagedFiles {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly staged = new Map<string, string>();
  private readonly obsolete: string[] = [];
  private readonly dirs = new Set<string>();
  private error: unknown;

  async stage(abs: string, data: Buffer): Promise<void> {
    if (this.error) throw this.error;
    while (this.inFlight.size >= WRITE_CONCURRENCY) await Promise.race(this.inFlight);
    const dir = dirname(abs);
    const tmp = join(dir, `${TMP_PREFIX}${randomBytes(6).toString('hex')}`);
    const previous = this.staged.get(abs);
    if (previous) this.obsolete.push(previous);
    this.staged.set(abs, tmp);
    let task: Promise<void> | undefined = undefined;
    task = (async () => {
      try {
        if (!this.dirs.has(dir)) {
          await mkdir(dir, { recursive: true });
          this.dirs.add(dir);
        }
        await writeFile(tmp, data);
      } catch (err) {
        this.error ??= err;
      } finally {
        this.inFlight.delete(task!);
      }
    })();
    this.inFlight.add(task);
  }

  /** Wait for every pending write; throws the first write error. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.error) throw this.error;
  }

  async commit(): Promise<void> {
    await this.settle();
    await pool(this.obsolete, WRITE_CONCURRENCY, (tmp) => rm(tmp, { force: true }));
    await pool([...this.staged], WRITE_CONCURRENCY, ([abs, tmp]) => rename(tmp, abs));
  }

  async discard(): Promise<void> {
    await Promise.all(this.inFlight);
    await pool([...this.obsolete, ...this.staged.values()], WRITE_CONCURRENCY, (tmp) => rm(tmp, { force: true }).catch(() => {}));
  }
}

export async function pool<T>(items: T[], n: number, work: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
