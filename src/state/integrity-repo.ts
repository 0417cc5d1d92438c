/**
 * The latest image integrity verdict per device (match, mismatch, unknown image, no hash) and the
 * last failed attempt, so a verdict alerts when it changes and not on every scheduled run.
 * Its own table on the state's connection, created idempotently.
 */
import type Database from 'better-sqlite3';
import type { IntegrityVerdict } from '../compliance/integrity/hash-output.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS integrity_verdicts (
  device TEXT PRIMARY KEY, verdict TEXT, checked_at TEXT, last_error TEXT, error_at TEXT);
`;

export interface StoredIntegrity {
  verdict?: IntegrityVerdict;
  checkedAt?: string;
  lastError?: string;
  errorAt?: string;
}

/** Two verdicts mean the same thing to a person (an alert is due only when this changes). */
export function sameVerdict(a: IntegrityVerdict | undefined, b: IntegrityVerdict): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b);
}

export class IntegrityRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  get(device: string): StoredIntegrity | undefined {
    const r = this.db.prepare('SELECT verdict, checked_at, last_error, error_at FROM integrity_verdicts WHERE device = ?').get(device) as
      | { verdict: string | null; checked_at: string | null; last_error: string | null; error_at: string | null }
      | undefined;
    if (!r) return undefined;
    return {
      verdict: r.verdict ? (JSON.parse(r.verdict) as IntegrityVerdict) : undefined,
      checkedAt: r.checked_at ?? undefined,
      lastError: r.last_error ?? undefined,
      errorAt: r.error_at ?? undefined,
    };
  }

  saveVerdict(device: string, v: IntegrityVerdict, now: Date): void {
    this.db
      .prepare(
        'INSERT INTO integrity_verdicts (device, verdict, checked_at) VALUES (?, ?, ?) ON CONFLICT (device) DO UPDATE SET verdict = excluded.verdict, checked_at = excluded.checked_at, last_error = NULL, error_at = NULL',
      )
      .run(device, JSON.stringify(v), now.toISOString());
  }

  /** A failed attempt (unreachable, refused host key) keeps the last verdict. */
  saveError(device: string, error: string, now: Date): void {
    this.db
      .prepare('INSERT INTO integrity_verdicts (device, last_error, error_at) VALUES (?, ?, ?) ON CONFLICT (device) DO UPDATE SET last_error = excluded.last_error, error_at = excluded.error_at')
      .run(device, error.slice(0, 500), now.toISOString());
  }
}

export function integrityRepo(db: Database.Database): IntegrityRepo {
  return new IntegrityRepo(db);
}
