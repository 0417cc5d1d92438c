/**
 * The state DB (better-sqlite3, synchronous): one connection, one repository per aggregate
 * (src/state/*-repo.ts: devices and pulls, host keys, baselines and drift, outbox, meta), each
 * behind a port interface a second backend could implement. StateDb is the sum of the ports, so
 * callers keep one handle; `transaction` groups writes of several repositories atomically (a drift
 * state change and the alert it raises commit together). WAL + synchronous=NORMAL. Never store
 * credentials: error texts are classified, credential-free and bounded.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DevicesRepo, type DevicesPort } from '../state/devices-repo.js';
import { DriftRepo, type DriftPort } from '../state/drift-repo.js';
import { HostKeysRepo, type HostKeysPort } from '../state/host-keys-repo.js';
import { MetaRepo, type MetaPort } from '../state/meta-repo.js';
import { OutboxRepo, type OutboxEntry, type OutboxItem } from '../state/outbox-repo.js';
import type { Alert } from '../notify/types.js';
import { Statements } from '../state/statements.js';
import { migrate } from './migrations.js';

export type * from './state-rows.js';
export { HostKeyConflictError } from '../state/host-keys-repo.js';

export type StatePorts = DevicesPort & HostKeysPort & DriftPort & MetaPort;

// The class below gets every port method bound from its repository (see the constructor).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface StateDb extends StatePorts {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class StateDb {
  readonly devices: DevicesRepo;
  readonly hostKeys: HostKeysRepo;
  readonly drift: DriftRepo;
  readonly outbox: OutboxRepo;
  readonly meta: MetaRepo;

  private constructor(readonly db: Database.Database) {
    const st = new Statements(db);
    this.devices = new DevicesRepo(st);
    this.hostKeys = new HostKeysRepo(st);
    this.drift = new DriftRepo(st);
    this.outbox = new OutboxRepo(db);
    this.meta = new MetaRepo(st);
    // One handle for callers: state.getBaseline(...) is state.drift.getBaseline(...). The outbox
    // keeps its own names (state.outbox.enqueueMany...); the few below are the older spellings.
    for (const repo of [this.devices, this.hostKeys, this.drift, this.meta] as object[]) {
      for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(repo))) {
        if (name === 'constructor') continue;
        const fn = (repo as Record<string, unknown>)[name];
        if (typeof fn === 'function') (this as unknown as Record<string, unknown>)[name] = fn.bind(repo);
      }
    }
  }

  /** Open (creating and migrating as needed) the state file at `path`; the file and its WAL are private (0600). */
  static open(path: string): StateDb {
    const file = path === ':memory:' ? null : resolve(path);
    if (file) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new Database(path, { timeout: 10_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('foreign_keys = ON');
      migrate(db);
      if (file) for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
      return new StateDb(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Queue one alert; undefined when that alert is already queued on that channel. */
  enqueueAlert(channel: string, alert: Alert, now: Date): number | undefined {
    return this.outbox.enqueue(channel, alert, now);
  }

  enqueueAlerts(items: Array<{ channel: string; alert: Alert }>, now: Date): Array<number | undefined> {
    return this.outbox.enqueueMany(items, now);
  }

  due(now: Date, limit: number): OutboxItem[] {
    return this.outbox.due(now, limit);
  }

  markDelivered(id: number, now: Date): void {
    this.outbox.markDelivered(id, now);
  }

  markFailed(id: number, now: Date, error: string, nextAttemptAt?: Date | null): void {
    this.outbox.markFailed(id, now, error, nextAttemptAt);
  }

  listOutbox(limit = 100, pendingOnly = false): OutboxEntry[] {
    return this.outbox.list(limit, pendingOnly);
  }

  pruneOutbox(before: Date): number {
    return this.outbox.prune(before);
  }

  /** Run `fn` in one SQLite transaction (all or nothing), across repositories. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
