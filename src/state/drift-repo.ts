/**
 * Baselines (a cache of `refs/baselines/*`, reconciled with the store on open: the ref is the
 * source of truth) and the drift records of each device (at most one open).
 */
import { toBaseline, toDrift, type Baseline, type DriftRow, type NewDrift, type Row } from '../store/state-rows.js';
import { bounded, iso, type Statements } from './statements.js';

export interface BaselineInput {
  device: string;
  commit: string;
  approvedAt: Date;
  approvedBy?: string | null;
  message?: string | null;
}

export interface DriftPort {
  getBaseline(device: string): Baseline | undefined;
  listBaselines(): Baseline[];
  setBaseline(b: BaselineInput): void;
  setBaselines(bs: readonly BaselineInput[]): void;
  deleteBaseline(device: string): void;
  getOpenDrift(device: string): DriftRow | undefined;
  getDrift(id: number): DriftRow | undefined;
  listOpenDrift(): DriftRow[];
  listDrift(device: string, limit?: number): DriftRow[];
  openDrift(d: NewDrift, now: Date): number;
  updateDrift(id: number, u: Partial<Omit<NewDrift, 'device'>>, now: Date): void;
  resolveDrift(id: number, now: Date): void;
  approveDrift(device: string, now: Date): number[];
}

export class DriftRepo implements DriftPort {
  constructor(private readonly st: Statements) {}

  getBaseline(device: string): Baseline | undefined {
    const r = this.st.get(`SELECT * FROM baselines WHERE device = ?`).get(device) as Row | undefined;
    return r ? toBaseline(r) : undefined;
  }

  listBaselines(): Baseline[] {
    return (this.st.get(`SELECT * FROM baselines ORDER BY device`).all() as Row[]).map(toBaseline);
  }

  setBaseline(b: BaselineInput): void {
    this.st
      .get(
        `INSERT INTO baselines (device, "commit", approved_at, approved_by, message) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (device) DO UPDATE SET "commit" = excluded."commit", approved_at = excluded.approved_at,
           approved_by = excluded.approved_by, message = excluded.message`,
      )
      .run(b.device, b.commit, iso(b.approvedAt), bounded(b.approvedBy ?? null), bounded(b.message ?? null));
  }

  /** Several baselines in one transaction (a cycle's first snapshots). */
  setBaselines(bs: readonly BaselineInput[]): void {
    this.st.db.transaction(() => bs.forEach((b) => this.setBaseline(b)))();
  }

  deleteBaseline(device: string): void {
    this.st.get(`DELETE FROM baselines WHERE device = ?`).run(device);
  }

  getOpenDrift(device: string): DriftRow | undefined {
    const r = this.st.get(`SELECT * FROM drift WHERE device = ? AND status = 'open'`).get(device) as Row | undefined;
    return r ? toDrift(r) : undefined;
  }

  getDrift(id: number): DriftRow | undefined {
    const r = this.st.get(`SELECT * FROM drift WHERE id = ?`).get(id) as Row | undefined;
    return r ? toDrift(r) : undefined;
  }

  /** All open drift, oldest first. */
  listOpenDrift(): DriftRow[] {
    return (this.st.get(`SELECT * FROM drift WHERE status = 'open' ORDER BY first_seen, id`).all() as Row[]).map(toDrift);
  }

  /** Drift history of one device, newest first. */
  listDrift(device: string, limit = 50): DriftRow[] {
    return (this.st.get(`SELECT * FROM drift WHERE device = ? ORDER BY id DESC LIMIT ?`).all(device, limit) as Row[]).map(toDrift);
  }

  /** Open a drift record; a device has at most one open drift (throws if one is open). Returns its id. */
  openDrift(d: NewDrift, now: Date): number {
    const r = this.st
      .get(
        `INSERT INTO drift (device, status, severity, first_seen, last_seen, baseline_commit, current_commit, added, removed, diff_hash)
         VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.device, d.severity, iso(now), iso(now), d.baselineCommit ?? null, d.currentCommit ?? null, d.added, d.removed, d.diffHash);
    return Number(r.lastInsertRowid);
  }

  /** Refresh an open drift with the latest compare; omitted fields keep their values. */
  updateDrift(id: number, u: Partial<Omit<NewDrift, 'device'>>, now: Date): void {
    this.st
      .get(
        `UPDATE drift SET last_seen = @now,
           severity = COALESCE(@severity, severity),
           baseline_commit = COALESCE(@baselineCommit, baseline_commit),
           current_commit = COALESCE(@currentCommit, current_commit),
           added = COALESCE(@added, added),
           removed = COALESCE(@removed, removed),
           diff_hash = COALESCE(@diffHash, diff_hash)
         WHERE id = @id AND status = 'open'`,
      )
      .run({
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
    this.st.get(`UPDATE drift SET status = 'resolved', closed_at = ?, last_seen = ? WHERE id = ? AND status = 'open'`).run(iso(now), iso(now), id);
  }

  /** Close every open drift of a device as approved (the baseline moves with it). Returns the ids closed. */
  approveDrift(device: string, now: Date): number[] {
    return this.st.db.transaction(() => {
      const ids = (this.st.get(`SELECT id FROM drift WHERE device = ? AND status = 'open'`).all(device) as Array<{ id: number }>).map((r) => r.id);
      this.st.get(`UPDATE drift SET status = 'approved', closed_at = ? WHERE device = ? AND status = 'open'`).run(iso(now), device);
      return ids;
    })();
  }
}
