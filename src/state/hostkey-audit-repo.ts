/**
 * Host-key trust decisions made by people (accept, forget) and the keys devices presented when
 * they were refused, on the state's SQLite connection in tables of their own (created here,
 * idempotently). Public keys only: nothing in these tables is secret.
 */
import type Database from 'better-sqlite3';
import type { PresentedKey } from '../transport/host-key.js';

export type HostKeyAction = 'accept' | 'forget';

export interface HostKeyAuditEntry {
  /** Device name, or `jump:<name>` for a jump host. */
  device: string;
  action: HostKeyAction;
  /** Who did it: `--by`, else the OS user. */
  actor: string;
  at: string;
  oldFingerprint: string | null;
  newFingerprint: string | null;
  note: string | null;
}

export interface PresentedKeyRow {
  device: string;
  keyType: string;
  fingerprint: string;
  /** base64 of the public key blob (enough to write a known_hosts line). */
  publicKey: string;
  reason: string;
  firstAt: string;
  lastAt: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS hostkey_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('accept', 'forget')),
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    old_fingerprint TEXT,
    new_fingerprint TEXT,
    note TEXT
  );
  CREATE INDEX IF NOT EXISTS hostkey_audit_device ON hostkey_audit (device, id);
  CREATE TABLE IF NOT EXISTS hostkey_presented (
    device TEXT PRIMARY KEY,
    key_type TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    public_key TEXT NOT NULL,
    reason TEXT NOT NULL,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL
  );
`;

type Row = Record<string, unknown>;
const str = (v: unknown) => (v == null ? null : String(v));

export class HostKeyAuditRepo {
  constructor(readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /** Remember the key a device presented when it was refused (the latest one wins). */
  recordPresented(device: string, key: PresentedKey, reason: string, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO hostkey_presented (device, key_type, fingerprint, public_key, reason, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (device) DO UPDATE SET
           first_at = CASE WHEN fingerprint = excluded.fingerprint THEN first_at ELSE excluded.first_at END,
           key_type = excluded.key_type, fingerprint = excluded.fingerprint, public_key = excluded.public_key,
           reason = excluded.reason, last_at = excluded.last_at`,
      )
      .run(device, key.keyType, key.fingerprint, key.blob.toString('base64'), reason.slice(0, 500), at.toISOString(), at.toISOString());
  }

  presented(device: string): PresentedKeyRow | undefined {
    const r = this.db.prepare(`SELECT * FROM hostkey_presented WHERE device = ?`).get(device) as Row | undefined;
    if (!r) return undefined;
    return {
      device: String(r.device),
      keyType: String(r.key_type),
      fingerprint: String(r.fingerprint),
      publicKey: String(r.public_key),
      reason: String(r.reason),
      firstAt: String(r.first_at),
      lastAt: String(r.last_at),
    };
  }

  clearPresented(device: string): void {
    this.db.prepare(`DELETE FROM hostkey_presented WHERE device = ?`).run(device);
  }

  record(e: HostKeyAuditEntry): void {
    this.db
      .prepare(`INSERT INTO hostkey_audit (device, action, actor, at, old_fingerprint, new_fingerprint, note) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(e.device, e.action, e.actor.slice(0, 200), e.at, e.oldFingerprint, e.newFingerprint, e.note?.slice(0, 500) ?? null);
  }

  /** Newest first; one device or all. */
  history(device?: string, limit = 100): HostKeyAuditEntry[] {
    const rows = (
      device
        ? this.db.prepare(`SELECT * FROM hostkey_audit WHERE device = ? ORDER BY id DESC LIMIT ?`).all(device, limit)
        : this.db.prepare(`SELECT * FROM hostkey_audit ORDER BY id DESC LIMIT ?`).all(limit)
    ) as Row[];
    return rows.map((r) => ({
      device: String(r.device),
      action: r.action as HostKeyAction,
      actor: String(r.actor),
      at: String(r.at),
      oldFingerprint: str(r.old_fingerprint),
      newFingerprint: str(r.new_fingerprint),
      note: str(r.note),
    }));
  }
}

const repos = new WeakMap<Database.Database, HostKeyAuditRepo>();

/** The repo on this connection (tables created once per connection). Pass `StateDb.db`. */
export function hostKeyAuditRepo(db: Database.Database): HostKeyAuditRepo {
  let repo = repos.get(db);
  if (!repo) {
    repo = new HostKeyAuditRepo(db);
    repos.set(db, repo);
  }
  return repo;
}
