/**
 * The state DB (better-sqlite3, synchronous): devices, pulls, host keys, facts, baselines, drift,
 * alert outbox. WAL + synchronous=NORMAL; batch writes (a whole cycle of pulls) run in one
 * transaction with prepared statements. Dates are ISO strings. Never store credentials: error
 * texts are classified, credential-free messages (and are bounded in length anyway).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Alert } from '../notify/types.js';
import { migrate } from './migrations.js';
import {
  parseJson,
  toBaseline,
  toDrift,
  type Baseline,
  type DeviceRow,
  type DeviceStatusRow,
  type DriftRow,
  type HostKeyRow,
  type NewDrift,
  type OutboxItem,
  type OutboxRow,
  type PullRecord,
  type PullResult,
  type PullRow,
  type Row,
} from './state-rows.js';

export type * from './state-rows.js';

export class HostKeyConflictError extends Error {
  constructor(
    readonly device: string,
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(`host key of ${device} is pinned to ${pinned}, refusing to replace it with ${presented} (forget it first)`);
    this.name = 'HostKeyConflictError';
  }
}

const MAX_TEXT = 2000;
const iso = (d: Date) => d.toISOString();
const bounded = (s: string | null | undefined) => (s == null ? null : s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s);

export class StateDb {
  private readonly stmts = new Map<string, Database.Statement>();

  private constructor(readonly db: Database.Database) {}

  /** Open (creating and migrating as needed) the state file at `path`. */
  static open(path: string): StateDb {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new Database(path, { timeout: 10_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new StateDb(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private st(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  // ---- devices and pulls -------------------------------------------------------------------

  upsertDevices(devs: DeviceRow[]): void {
    const up = this.st(
      `INSERT INTO devices (name, platform, grp, host, port, path) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET platform = excluded.platform, grp = excluded.grp,
         host = excluded.host, port = excluded.port, path = excluded.path`,
    );
    this.db.transaction(() => {
      for (const d of devs) up.run(d.name, d.platform, d.group ?? null, d.host, d.port ?? null, d.path);
    })();
  }

  /** Record a batch of pulls in one transaction and update each device's last_* columns. */
  recordPulls(rows: PullRecord[]): void {
    const insert = this.st(
      `INSERT INTO pulls (device, started_at, duration_ms, result, error_kind, error, "commit") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const ensure = this.st(`INSERT INTO devices (name) VALUES (?) ON CONFLICT (name) DO NOTHING`);
    const update = this.st(
      `UPDATE devices SET
         last_pull_at = @at,
         last_result = @result,
         last_error_kind = @errorKind,
         last_error = @error,
         last_commit = COALESCE(@commit, last_commit),
         last_changed_at = CASE WHEN @result = 'changed' THEN @at ELSE last_changed_at END,
         consecutive_failures = CASE WHEN @result = 'failed' THEN consecutive_failures + 1 ELSE 0 END
       WHERE name = @device`,
    );
    const facts = this.st(
      `INSERT INTO facts (device, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const r of rows) {
        const at = iso(r.startedAt);
        const failed = r.result === 'failed';
        const errorKind = failed ? (r.errorKind ?? 'protocol') : null;
        const error = failed ? bounded(r.error ?? null) : null;
        const commit = r.commit || null;
        insert.run(r.device, at, Math.max(0, Math.round(r.durationMs)), r.result, errorKind, error, commit);
        const params = { device: r.device, at, result: r.result, errorKind, error, commit };
        if (update.run(params).changes === 0) {
          ensure.run(r.device); // pulled before being upserted: still give it a row
          update.run(params);
        }
        if (r.facts && !failed) facts.run(r.device, JSON.stringify(r.facts), at);
      }
    })();
  }

  /** Everything `driftwatch status` needs, one row per known device, by name. */
  deviceStatus(): DeviceStatusRow[] {
    const rows = this.st(
      `SELECT d.*, f.json AS facts_json, f.updated_at AS facts_updated_at
       FROM devices d LEFT JOIN facts f ON f.device = d.name ORDER BY d.name`,
    ).all() as Row[];
    return rows.map((r) => ({
      name: r.name as string,
      platform: r.platform as string,
      group: (r.grp as string | null) ?? null,
      host: r.host as string,
      port: (r.port as number | null) ?? null,
      path: r.path as string,
      last_pull_at: (r.last_pull_at as string | null) ?? null,
      last_result: (r.last_result as PullResult | null) ?? null,
      last_error_kind: (r.last_error_kind as string | null) ?? null,
      last_error: (r.last_error as string | null) ?? null,
      last_commit: (r.last_commit as string | null) ?? null,
      last_changed_at: (r.last_changed_at as string | null) ?? null,
      consecutive_failures: r.consecutive_failures as number,
      facts: parseJson(r.facts_json as string | null) as Record<string, unknown>,
      facts_updated_at: (r.facts_updated_at as string | null) ?? null,
    }));
  }

  /** Previous consecutive failures of a device (0 if unknown). */
  consecutiveFailures(device: string): number {
    const r = this.st(`SELECT consecutive_failures AS n FROM devices WHERE name = ?`).get(device) as { n: number } | undefined;
    return r?.n ?? 0;
  }

  /** Latest pulls of a device, newest first. */
  recentPulls(device: string, limit = 20): PullRow[] {
    const rows = this.st(`SELECT * FROM pulls WHERE device = ? ORDER BY started_at DESC, id DESC LIMIT ?`).all(device, limit) as Row[];
    return rows.map((r) => ({
      id: r.id as number,
      device: r.device as string,
      startedAt: r.started_at as string,
      durationMs: r.duration_ms as number,
      result: r.result as PullResult,
      errorKind: (r.error_kind as string | null) ?? null,
      error: (r.error as string | null) ?? null,
      commit: (r.commit as string | null) ?? null,
    }));
  }

  /** Delete pull history older than `before` (10,000 devices a minute add up); returns rows deleted. */
  prunePulls(before: Date): number {
    return this.st(`DELETE FROM pulls WHERE started_at < ?`).run(iso(before)).changes;
  }

  // ---- host keys ---------------------------------------------------------------------------

  getHostKey(device: string): HostKeyRow | undefined {
    const r = this.st(`SELECT key_type, fingerprint, first_seen, last_seen FROM host_keys WHERE device = ?`).get(device) as Row | undefined;
    if (!r) return undefined;
    return { keyType: r.key_type as string, fingerprint: r.fingerprint as string, firstSeen: r.first_seen as string, lastSeen: r.last_seen as string };
  }

  /** Pin a key on first use, or refresh last_seen when it matches; throws HostKeyConflictError on a different key. */
  pinHostKey(device: string, keyType: string, fingerprint: string, now: Date): void {
    this.db.transaction(() => {
      const cur = this.getHostKey(device);
      if (!cur) {
        this.st(`INSERT INTO host_keys (device, key_type, fingerprint, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)`).run(
          device,
          keyType,
          fingerprint,
          iso(now),
          iso(now),
        );
      } else if (cur.keyType === keyType && cur.fingerprint === fingerprint) {
        this.st(`UPDATE host_keys SET last_seen = ? WHERE device = ?`).run(iso(now), device);
      } else {
        throw new HostKeyConflictError(device, `${cur.keyType} ${cur.fingerprint}`, `${keyType} ${fingerprint}`);
      }
    }).immediate();
  }

  forgetHostKey(device: string): void {
    this.st(`DELETE FROM host_keys WHERE device = ?`).run(device);
  }

  // ---- baselines ---------------------------------------------------------------------------

  getBaseline(device: string): Baseline | undefined {
    const r = this.st(`SELECT * FROM baselines WHERE device = ?`).get(device) as Row | undefined;
    return r ? toBaseline(r) : undefined;
  }

  listBaselines(): Baseline[] {
    return (this.st(`SELECT * FROM baselines ORDER BY device`).all() as Row[]).map(toBaseline);
  }

  setBaseline(b: { device: string; commit: string; approvedAt: Date; approvedBy?: string | null; message?: string | null }): void {
    this.st(
      `INSERT INTO baselines (device, "commit", approved_at, approved_by, message) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET "commit" = excluded."commit", approved_at = excluded.approved_at,
         approved_by = excluded.approved_by, message = excluded.message`,
    ).run(b.device, b.commit, iso(b.approvedAt), bounded(b.approvedBy ?? null), bounded(b.message ?? null));
  }

  /** Several baselines in one transaction (a cycle's first snapshots). */
  setBaselines(bs: ReadonlyArray<{ device: string; commit: string; approvedAt: Date; approvedBy?: string | null; message?: string | null }>): void {
    this.db.transaction(() => bs.forEach((b) => this.setBaseline(b)))();
  }

  // ---- drift -------------------------------------------------------------------------------

  getOpenDrift(device: string): DriftRow | undefined {
    const r = this.st(`SELECT * FROM drift WHERE device = ? AND status = 'open'`).get(device) as Row | undefined;
    return r ? toDrift(r) : undefined;
  }

  getDrift(id: number): DriftRow | undefined {
    const r = this.st(`SELECT * FROM drift WHERE id = ?`).get(id) as Row | undefined;
    return r ? toDrift(r) : undefined;
  }

  /** All open drift, oldest first. */
  listOpenDrift(): DriftRow[] {
    return (this.st(`SELECT * FROM drift WHERE status = 'open' ORDER BY first_seen, id`).all() as Row[]).map(toDrift);
  }

  /** Drift history of one device, newest first. */
  listDrift(device: string, limit = 50): DriftRow[] {
    return (this.st(`SELECT * FROM drift WHERE device = ? ORDER BY id DESC LIMIT ?`).all(device, limit) as Row[]).map(toDrift);
  }

  /** Open a drift record; a device has at most one open drift (throws if one is open). Returns its id. */
  openDrift(d: NewDrift, now: Date): number {
    const r = this.st(
      `INSERT INTO drift (device, status, severity, first_seen, last_seen, baseline_commit, current_commit, added, removed, diff_hash)
       VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(d.device, d.severity, iso(now), iso(now), d.baselineCommit ?? null, d.currentCommit ?? null, d.added, d.removed, d.diffHash);
    return Number(r.lastInsertRowid);
  }

  /** Refresh an open drift with the latest compare; omitted fields keep their values. */
  updateDrift(id: number, u: Partial<Omit<NewDrift, 'device'>>, now: Date): void {
    this.st(
      `UPDATE drift SET last_seen = @now,
         severity = COALESCE(@severity, severity),
         baseline_commit = COALESCE(@baselineCommit, baseline_commit),
         current_commit = COALESCE(@currentCommit, current_commit),
         added = COALESCE(@added, added),
         removed = COALESCE(@removed, removed),
         diff_hash = COALESCE(@diffHash, diff_hash)
       WHERE id = @id AND status = 'open'`,
    ).run({
      id,
      now: iso(now),
      severity: u.severity ?? null,
      baselineCommit: u.baselineCommit ?? null,
      currentCommit: u.currentCommit ?? null,
      added: u.added ?? null,
      removed: u.removed ?? null,
      diffHash: u.diffHash ?? null,
    });
  }

  /** The device went back to its baseline: close the drift as resolved. */
  resolveDrift(id: number, now: Date): void {
    this.st(`UPDATE drift SET status = 'resolved', closed_at = ?, last_seen = ? WHERE id = ? AND status = 'open'`).run(iso(now), iso(now), id);
  }

  /** Close every open drift of a device as approved (the approve command also moves the baseline). Returns the ids closed. */
  approveDrift(device: string, now: Date): number[] {
    return this.db.transaction(() => {
      const ids = (this.st(`SELECT id FROM drift WHERE device = ? AND status = 'open'`).all(device) as Array<{ id: number }>).map((r) => r.id);
      this.st(`UPDATE drift SET status = 'approved', closed_at = ? WHERE device = ? AND status = 'open'`).run(iso(now), device);
      return ids;
    })();
  }

  // ---- alert outbox (OutboxRepo of notify/dispatch.ts) -------------------------------------

  /** Queue an alert on a channel, due immediately (or at `notBefore`). Returns the outbox id. */
  enqueueAlert(channel: string, alert: Alert, now: Date, notBefore: Date = now): number {
    const r = this.st(`INSERT INTO outbox (channel, alert_json, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, 0, ?)`).run(
      channel,
      JSON.stringify(alert),
      iso(now),
      iso(notBefore),
    );
    return Number(r.lastInsertRowid);
  }

  /** Queue several alerts in one transaction; returns their ids in order. */
  enqueueAlerts(items: Array<{ channel: string; alert: Alert }>, now: Date): number[] {
    return this.db.transaction(() => items.map((i) => this.enqueueAlert(i.channel, i.alert, now)))();
  }

  /** Undelivered items with next_attempt_at <= now, oldest due first. */
  due(now: Date, limit: number): OutboxItem[] {
    const rows = this.st(
      `SELECT id, channel, alert_json, attempts FROM outbox
       WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    ).all(iso(now), Math.max(0, Math.floor(limit))) as Row[];
    return rows.map((r) => ({ id: r.id as number, channel: r.channel as string, alert: JSON.parse(r.alert_json as string) as Alert, attempts: r.attempts as number }));
  }

  markDelivered(id: number, now: Date): void {
    this.st(`UPDATE outbox SET delivered_at = ?, next_attempt_at = NULL WHERE id = ?`).run(iso(now), id);
  }

  /** Count the failed attempt, keep the error, schedule the next try (null: give up, never due again). */
  markFailed(id: number, _now: Date, error: string, nextAttemptAt: Date | null): void {
    this.st(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL`).run(
      bounded(error),
      nextAttemptAt ? iso(nextAttemptAt) : null,
      id,
    );
  }

  /** Outbox rows (newest first), for the CLI and tests. */
  listOutbox(limit = 100, pendingOnly = false): OutboxRow[] {
    const rows = this.st(
      `SELECT * FROM outbox ${pendingOnly ? 'WHERE delivered_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`,
    ).all(limit) as Row[];
    return rows.map((r) => ({
      id: r.id as number,
      channel: r.channel as string,
      alert: JSON.parse(r.alert_json as string) as Alert,
      attempts: r.attempts as number,
      createdAt: r.created_at as string,
      nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
      deliveredAt: (r.delivered_at as string | null) ?? null,
      lastError: (r.last_error as string | null) ?? null,
    }));
  }

  /** Delete delivered items older than `before`; returns rows deleted. */
  pruneOutbox(before: Date): number {
    return this.st(`DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?`).run(iso(before)).changes;
  }
}
