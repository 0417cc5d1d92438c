/** The audit log: who did what, when, from where. Append-only; texts are bounded single lines. */
import type Database from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  at: string;
  /** Token name (API/web) or OS user (CLI). */
  actor: string;
  /** e.g. approve, token-create, token-revoke, login, login-failed */
  action: string;
  /** What it was done to: a device name, a token name. */
  target: string | null;
  detail: string | null;
  /** Client address, or 'cli'. */
  address: string | null;
}

export type NewAudit = Omit<AuditEntry, 'id' | 'at'>;

const clean = (s: string | null | undefined, max = 500) => (s == null ? null : s.replace(/[\x00-\x1f\x7f]+/g, ' ').trim().slice(0, max));

type Raw = Record<string, unknown>;

export class AuditRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT,
      detail TEXT,
      address TEXT
    )`);
  }

  record(e: NewAudit, now: Date): number {
    const r = this.db
      .prepare(`INSERT INTO audit_log (at, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(now.toISOString(), clean(e.actor, 200) || 'unknown', clean(e.action, 60)!, clean(e.target, 200), clean(e.detail), clean(e.address, 100));
    return Number(r.lastInsertRowid);
  }

  /** Newest first; `beforeId` pages backwards. */
  list(limit = 100, beforeId?: number): AuditEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${beforeId ? 'WHERE id < ?' : ''} ORDER BY id DESC LIMIT ?`)
      .all(...(beforeId ? [beforeId] : []), Math.max(1, Math.min(1000, limit))) as Raw[];
    return rows.map((r) => ({
      id: r.id as number,
      at: r.at as string,
      actor: r.actor as string,
      action: r.action as string,
      target: (r.target as string | null) ?? null,
      detail: (r.detail as string | null) ?? null,
      address: (r.address as string | null) ?? null,
    }));
  }
}

const repos = new WeakMap<Database.Database, AuditRepo>();
/** The audit repository of a connection (its table is created once per connection). */
export function auditRepo(db: Database.Database): AuditRepo {
  let repo = repos.get(db);
  if (!repo) repos.set(db, (repo = new AuditRepo(db)));
  return repo;
}
