/**
 * API tokens in the state file. Only a SHA-256 of each token is stored: tokens are 256-bit random
 * strings, so a fast hash is enough (no dictionary to attack) and lookups stay O(1) by hash.
 */
import type Database from 'better-sqlite3';

export type Role = 'viewer' | 'approver' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'approver', 'admin'];

export interface TokenRow {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

type Raw = Record<string, unknown>;
const toRow = (r: Raw): TokenRow => ({
  id: r.id as number,
  name: r.name as string,
  role: r.role as Role,
  createdAt: r.created_at as string,
  expiresAt: (r.expires_at as string | null) ?? null,
  revokedAt: (r.revoked_at as string | null) ?? null,
  lastUsedAt: (r.last_used_at as string | null) ?? null,
});

export class TokensRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS api_tokens (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('viewer', 'approver', 'admin')),
      hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      revoked_at TEXT,
      last_used_at TEXT
    )`);
  }

  insert(t: { name: string; role: Role; hash: string; now: Date; expiresAt: Date | null }): TokenRow {
    const r = this.db
      .prepare(`INSERT INTO api_tokens (name, role, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
      .run(t.name, t.role, t.hash, t.now.toISOString(), t.expiresAt?.toISOString() ?? null);
    return this.get(Number(r.lastInsertRowid))!;
  }

  get(id: number): TokenRow | undefined {
    const r = this.db.prepare(`SELECT * FROM api_tokens WHERE id = ?`).get(id) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  /** The live token with this hash (not revoked, not expired at `now`), or undefined. */
  findActive(hash: string, now: Date): TokenRow | undefined {
    const r = this.db
      .prepare(`SELECT * FROM api_tokens WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`)
      .get(hash, now.toISOString()) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  /** Record use at most once a minute per token (a busy API client must not write on every call). */
  touch(id: number, now: Date): void {
    const cutoff = new Date(now.getTime() - 60_000).toISOString();
    this.db.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`).run(now.toISOString(), id, cutoff);
  }

  list(): TokenRow[] {
    return (this.db.prepare(`SELECT * FROM api_tokens ORDER BY id`).all() as Raw[]).map(toRow);
  }

  /** Revoke by id or by name (every live token of that name). Returns the tokens revoked. */
  revoke(idOrName: string, now: Date): TokenRow[] {
    const byId = /^\d+$/.test(idOrName);
    const rows = (this.db
      .prepare(`SELECT * FROM api_tokens WHERE ${byId ? 'id = ?' : 'name = ?'} AND revoked_at IS NULL`)
      .all(byId ? Number(idOrName) : idOrName) as Raw[]).map(toRow);
    const st = this.db.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`);
    this.db.transaction(() => rows.forEach((r) => st.run(now.toISOString(), r.id)))();
    return rows.map((r) => ({ ...r, revokedAt: now.toISOString() }));
  }
}
