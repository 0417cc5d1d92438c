/** Devices, their pull history and facts: what `status` shows and what each cycle records. */
import { parseJson, type DeviceRow, type DeviceStatusRow, type PullRecord, type PullResult, type PullRow, type Row } from '../store/state-rows.js';
import { bounded, iso, type Statements } from './statements.js';

export interface DevicesPort {
  upsertDevices(devs: DeviceRow[]): void;
  recordPulls(rows: PullRecord[]): void;
  deviceStatus(): DeviceStatusRow[];
  consecutiveFailures(device: string): number;
  recentPulls(device: string, limit?: number): PullRow[];
  prunePulls(before: Date): number;
  lastCommit(device: string): string | undefined;
  /** The store's commits the state missed (crash recovery), by device. */
  setLastCommits(commits: ReadonlyMap<string, string>): void;
}

export class DevicesRepo implements DevicesPort {
  constructor(private readonly st: Statements) {}

  upsertDevices(devs: DeviceRow[]): void {
    const up = this.st.get(
      `INSERT INTO devices (name, platform, grp, host, port, path) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET platform = excluded.platform, grp = excluded.grp,
         host = excluded.host, port = excluded.port, path = excluded.path`,
    );
    this.st.db.transaction(() => {
      for (const d of devs) up.run(d.name, d.platform, d.group ?? null, d.host, d.port ?? null, d.path);
    })();
  }

  /** Record a batch of pulls in one transaction and update each device's last_* columns. */
  recordPulls(rows: PullRecord[]): void {
    const insert = this.st.get(`INSERT INTO pulls (device, started_at, duration_ms, result, error_kind, error, "commit") VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const ensure = this.st.get(`INSERT INTO devices (name) VALUES (?) ON CONFLICT (name) DO NOTHING`);
    const update = this.st.get(
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
    const facts = this.st.get(
      `INSERT INTO facts (device, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    );
    this.st.db.transaction(() => {
      for (const r of rows) {
        const at = iso(r.startedAt);
        const failed = r.result === 'failed';
        const errorKind = failed ? (r.errorKind ?? 'internal') : null;
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
    const rows = this.st
      .get(`SELECT d.*, f.json AS facts_json, f.updated_at AS facts_updated_at FROM devices d LEFT JOIN facts f ON f.device = d.name ORDER BY d.name`)
      .all() as Row[];
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
    const r = this.st.get(`SELECT consecutive_failures AS n FROM devices WHERE name = ?`).get(device) as { n: number } | undefined;
    return r?.n ?? 0;
  }

  /** Latest pulls of a device, newest first. */
  recentPulls(device: string, limit = 20): PullRow[] {
    const rows = this.st.get(`SELECT * FROM pulls WHERE device = ? ORDER BY started_at DESC, id DESC LIMIT ?`).all(device, limit) as Row[];
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
    return this.st.get(`DELETE FROM pulls WHERE started_at < ?`).run(iso(before)).changes;
  }

  lastCommit(device: string): string | undefined {
    return (this.st.get(`SELECT last_commit AS c FROM devices WHERE name = ?`).get(device) as { c: string | null } | undefined)?.c ?? undefined;
  }

  setLastCommits(commits: ReadonlyMap<string, string>): void {
    const ensure = this.st.get(`INSERT INTO devices (name) VALUES (?) ON CONFLICT (name) DO NOTHING`);
    const set = this.st.get(`UPDATE devices SET last_commit = ? WHERE name = ?`);
    this.st.db.transaction(() => {
      for (const [device, commit] of commits) {
        ensure.run(device);
        set.run(commit, device);
      }
    })();
  }
}
