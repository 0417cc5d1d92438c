/**
 * Versioned schema of the state DB. MIGRATIONS[i] takes a database from user_version i to i + 1;
 * steps are append-only (never edit a released step, add a new one). `migrate` applies the
 * missing steps, each in its own transaction together with the user_version bump.
 *
 * Dates are ISO-8601 strings from Date.toISOString() (fixed width, so they sort as text).
 * No credentials are ever stored.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: inventory, pulls, host keys, facts
  `
  CREATE TABLE devices (
    name TEXT PRIMARY KEY,
    platform TEXT NOT NULL DEFAULT '',
    grp TEXT,
    host TEXT NOT NULL DEFAULT '',
    port INTEGER,
    path TEXT NOT NULL DEFAULT '',
    last_pull_at TEXT,
    last_result TEXT CHECK (last_result IN ('changed', 'unchanged', 'failed')),
    last_error_kind TEXT,
    last_error TEXT,
    last_commit TEXT,
    last_changed_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE pulls (
    id INTEGER PRIMARY KEY,
    device TEXT NOT NULL,
    started_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('changed', 'unchanged', 'failed')),
    error_kind TEXT,
    error TEXT,
    "commit" TEXT
  );
  CREATE INDEX pulls_device_started ON pulls (device, started_at);
  CREATE INDEX pulls_started ON pulls (started_at);
  CREATE TABLE host_keys (
    device TEXT PRIMARY KEY,
    key_type TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
  );
  CREATE TABLE facts (
    device TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 2: baselines, drift, alert outbox
  `
  CREATE TABLE baselines (
    device TEXT PRIMARY KEY,
    "commit" TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    approved_by TEXT,
    message TEXT
  );
  CREATE TABLE drift (
    id INTEGER PRIMARY KEY,
    device TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'approved')),
    severity TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    baseline_commit TEXT,
    current_commit TEXT,
    added INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    diff_hash TEXT,
    closed_at TEXT
  );
  CREATE UNIQUE INDEX drift_one_open ON drift (device) WHERE status = 'open';
  CREATE INDEX drift_device ON drift (device, id);
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    alert_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    delivered_at TEXT,
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring `db` to `target` (default: latest). Throws if the file was written by a newer driftwatch. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new Error(`state database is at schema version ${from}, newer than this driftwatch (${SCHEMA_VERSION}); upgrade driftwatch`);
  }
  const step = db.transaction((): boolean => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const v = schemaVersion(db);
    if (v >= target) return false;
    db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (from < target && step.immediate()) {
    /* one step per transaction */
  }
  return schemaVersion(db);
}
