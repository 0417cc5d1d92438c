/**
 * One writer at a time on a store and its state: a lock file beside the state file holding the
 * owner's pid, host, command and start time. A second writer waits (up to its own bound) or gets a
 * LockedError that names the owner. A lock left by a process that died on this host is stale and
 * taken over; one from another host is reported, never stolen. Within one process the lock is
 * shared (the daemon's scheduled cycle and a syslog-triggered pull run side by side); what must
 * not interleave there (drift decisions, approvals) runs under withStateMutex.
 */
import { closeSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      owner
        ? `the store is being written by driftwatch ${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.since}); try again when it is done` +
            (owner.host !== hostname() ? ` (if that process is gone, remove ${path})` : '')
        : `the store is locked (${path})`,
    );
    this.name = 'LockedError';
  }
}

const held = new Map<string, number>();
const chains = new Map<string, Promise<unknown>>();

export interface LockOptions {
  /** How long to wait for another writer; 0: fail at once. */
  waitMs: number;
  command: string;
  now?: () => Date;
}

/** Run `fn` holding the writer lock of `stateFile` (shared by the writers of this process). */
export async function withWriterLock<T>(stateFile: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  if (stateFile === ':memory:') return fn();
  const path = `${stateFile}.lock`;
  if (!held.get(path)) await acquire(path, opts);
  held.set(path, (held.get(path) ?? 0) + 1);
  try {
    return await fn();
  } finally {
    const n = (held.get(path) ?? 1) - 1;
    if (n > 0) held.set(path, n);
    else {
      held.delete(path);
      rmSync(path, { force: true });
    }
  }
}

/** Run `fn` after every earlier `fn` of this process on the same state (decisions, approvals). */
export function withStateMutex<T>(stateFile: string, fn: () => Promise<T>): Promise<T> {
  const previous = chains.get(stateFile) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  chains.set(stateFile, run.catch(() => undefined));
  return run;
}

async function acquire(path: string, opts: LockOptions): Promise<void> {
  const deadline = Date.now() + opts.waitMs;
  const me: LockOwner = { pid: process.pid, host: hostname(), command: opts.command, since: (opts.now?.() ?? new Date()).toISOString() };
  for (;;) {
    // Written whole under a temp name, then hard-linked into place: link() fails if the lock
    // exists, so a reader never sees a half-written lock file.
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    const fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    try {
      linkSync(tmp, path);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
    const owner = readOwner(path);
    if (owner && owner.host === me.host && !alive(owner.pid)) {
      rmSync(path, { force: true }); // its process died: stale
      continue;
    }
    if (Date.now() >= deadline) throw new LockedError(path, owner);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
