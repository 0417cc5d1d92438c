/** A small tmpfs to fill up (needs root: `mount -t tmpfs`); undefined with the reason when not permitted. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, rmdirSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Write a filler file until the disk is full. */
  fill(): void;
  /** Remove the filler. */
  free(): void;
  unmount(): void;
}

export function mountSmallDisk(size = '2m'): SmallDisk | string {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-faults-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmdirSync(dir);
    return `mount -t tmpfs not permitted (${(r.stderr || r.error?.message || '').trim()})`;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch {
        // ENOSPC: full. Top up with small writes so not even a page is left.
        try {
          for (;;) writeSync(fd, block.subarray(0, 512));
        } catch {
          /* full */
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
