/**
 * Expected changes in the state DB: its own tables (created if missing, so no migration step is
 * needed), on the same better-sqlite3 connection as StateDb. Rows are read back defensively: the
 * state file is treated as hostile, and a row that does not parse is skipped, never trusted.
 */
import type Database from 'better-sqlite3';
import type { Expectation, NewExpectation } from '../authorize/expectation.js';
import { toExpectation, type Row } from './expectation-rows.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS expectations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('devices', 'group', 'tag')),
    target TEXT NOT NULL,
    ticket TEXT NOT NULL,
    lines TEXT NOT NULL DEFAULT '[]',
    note TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    until TEXT NOT NULL,
    cancelled_at TEXT,
    cancelled_by TEXT,
    expiry_notified_at TEXT
  );
  CREATE INDEX IF NOT EXISTS expectations_until ON expectations (until);
  CREATE TABLE IF NOT EXISTS expectation_uses (
    expectation_id INTEGER NOT NULL REFERENCES expectations (id) ON DELETE CASCADE,
    device TEXT NOT NULL,
    used_at TEXT NOT NULL,
    "commit" TEXT,
    PRIMARY KEY (expectation_id, device, used_at)
  );
`;

const iso = (d: Date) => d.toISOString();

const SELECT = `SELECT e.*, (SELECT group_concat(device, char(10)) FROM expectation_uses u WHERE u.expectation_id = e.id) AS used_on FROM expectations e`;

export class ExpectationsRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  private rows(where: string, ...params: unknown[]): Expectation[] {
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY e.id`).all(...params) as Row[];
    return rows.map(toExpectation).filter((e): e is Expectation => e !== null);
  }

  insert(e: NewExpectation): Expectation {
    const target = e.target.kind === 'devices' ? JSON.stringify(e.target.devices) : e.target.kind === 'group' ? e.target.group : e.target.tag;
    const { lastInsertRowid } = this.db
      .prepare(`INSERT INTO expectations (target_kind, target, ticket, lines, note, created_by, created_at, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(e.target.kind, target, e.ticket, JSON.stringify(e.lines), e.note, e.by, iso(e.createdAt), iso(e.until));
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): Expectation | undefined {
    return this.rows('WHERE e.id = ?', id)[0];
  }

  all(): Expectation[] {
    return this.rows('');
  }

  /** Not cancelled and not ended at `at` (the decision re-checks both, this only narrows the read). */
  activeAt(at: Date): Expectation[] {
    return this.rows('WHERE e.until > ? AND e.created_at <= ? AND (e.cancelled_at IS NULL OR e.cancelled_at > ?)', iso(at), iso(at), iso(at));
  }

  /** Ended at `now`, not cancelled before its end, never used, expiry notice not yet queued. */
  expiredUnused(now: Date): Expectation[] {
    return this.rows(
      `WHERE e.until <= ? AND e.expiry_notified_at IS NULL AND (e.cancelled_at IS NULL OR e.cancelled_at >= e.until)
         AND NOT EXISTS (SELECT 1 FROM expectation_uses u WHERE u.expectation_id = e.id)`,
      iso(now),
    );
  }

  cancel(id: number, at: Date, by: string): boolean {
    return this.db.prepare(`UPDATE expectations SET cancelled_at = ?, cancelled_by = ? WHERE id = ? AND cancelled_at IS NULL`).run(iso(at), by, id).changes > 0;
  }

  recordUse(id: number, device: string, at: Date, commit: string | null = null): void {
    this.db.prepare(`INSERT OR IGNORE INTO expectation_uses (expectation_id, device, used_at, "commit") VALUES (?, ?, ?, ?)`).run(id, device, iso(at), commit);
  }

  markExpiryNotified(ids: readonly number[], at: Date): void {
    const st = this.db.prepare(`UPDATE expectations SET expiry_notified_at = ? WHERE id = ?`);
    this.db.transaction(() => ids.forEach((id) => st.run(iso(at), id)))();
  }

  /** Delete expectations that ended (or were cancelled) before `before`; returns rows deleted. */
  prune(before: Date): number {
    const b = iso(before);
    this.db.prepare(`DELETE FROM expectation_uses WHERE expectation_id IN (SELECT id FROM expectations WHERE until < ? OR cancelled_at < ?)`).run(b, b);
    return this.db.prepare(`DELETE FROM expectations WHERE until < ? OR cancelled_at < ?`).run(b, b).changes;
  }
}

const repos = new WeakMap<object, ExpectationsRepo>();

/** The repository on a StateDb's connection (tables created on first use), one per connection. */
export function expectationsRepo(state: { db: Database.Database }): ExpectationsRepo {
  let repo = repos.get(state.db);
  if (!repo) {
    repo = new ExpectationsRepo(state.db);
    repos.set(state.db, repo);
  }
  return repo;
}
