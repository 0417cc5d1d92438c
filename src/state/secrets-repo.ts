/**
 * Persistent state of fingerprint keys: when `secrets rekey` replaced the key (markers), and for
 * each device the snapshot its fingerprints were re-taken in after that rekey (its reference, see
 * src/secrets/rekey.ts). Own tables, created idempotently on the StateDb connection; never the key.
 */
import type Database from 'better-sqlite3';

export interface RekeyReference {
  rekeyAt: Date;
  /** Store commit of the first snapshot pulled after the rekey. */
  commit: string;
}

export class SecretsRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS secret_rekeys (
        at TEXT NOT NULL PRIMARY KEY
      );
      CREATE TABLE IF NOT EXISTS secret_rekey_refs (
        device TEXT NOT NULL PRIMARY KEY,
        rekey_at TEXT NOT NULL,
        commit_sha TEXT NOT NULL
      );
    `);
  }

  recordRekey(at: Date): void {
    this.db.prepare('INSERT OR IGNORE INTO secret_rekeys (at) VALUES (?)').run(at.toISOString());
  }

  latestRekey(): Date | undefined {
    const row = this.db.prepare('SELECT max(at) AS at FROM secret_rekeys').get() as { at: string | null };
    return row.at ? new Date(row.at) : undefined;
  }

  reference(device: string): RekeyReference | undefined {
    const row = this.db.prepare('SELECT rekey_at, commit_sha FROM secret_rekey_refs WHERE device = ?').get(device) as { rekey_at: string; commit_sha: string } | undefined;
    return row && { rekeyAt: new Date(row.rekey_at), commit: row.commit_sha };
  }

  setReference(device: string, ref: RekeyReference): void {
    this.db
      .prepare('INSERT INTO secret_rekey_refs (device, rekey_at, commit_sha) VALUES (?, ?, ?) ON CONFLICT(device) DO UPDATE SET rekey_at = excluded.rekey_at, commit_sha = excluded.commit_sha')
      .run(device, ref.rekeyAt.toISOString(), ref.commit);
  }
}

/** The accessor the lead wires: `secretsRepo(state.db)` on the StateDb connection. */
export function secretsRepo(db: Database.Database): SecretsRepo {
  return new SecretsRepo(db);
}
