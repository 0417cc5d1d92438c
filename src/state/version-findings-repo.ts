/**
 * Which versions-file findings (below minimum, below recommended, end of life) were already
 * alerted per device, so a finding alerts once and not on every cycle. A finding that went away
 * (the device was upgraded) is forgotten: if it comes back it alerts again.
 * Its own table on the state's connection, created idempotently.
 */
import type Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS version_findings (
  device TEXT NOT NULL, finding TEXT NOT NULL, summary TEXT NOT NULL, alerted_at TEXT NOT NULL,
  PRIMARY KEY (device, finding));
`;

export class VersionFindingsRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /** Alerted finding keys per device (one query for a whole cycle). */
  alerted(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of this.db.prepare('SELECT device, finding FROM version_findings').all() as Array<{ device: string; finding: string }>) {
      let set = out.get(r.device);
      if (!set) out.set(r.device, (set = new Set()));
      set.add(r.finding);
    }
    return out;
  }

  /** The device's findings are now exactly `findings`: new ones stamped `now`, vanished ones dropped. */
  replace(device: string, findings: ReadonlyArray<{ key: string; summary: string }>, now: Date): void {
    const keep = new Set(findings.map((f) => f.key));
    const existing = this.db.prepare('SELECT finding FROM version_findings WHERE device = ?').all(device) as Array<{ finding: string }>;
    const del = this.db.prepare('DELETE FROM version_findings WHERE device = ? AND finding = ?');
    const ins = this.db.prepare('INSERT OR IGNORE INTO version_findings (device, finding, summary, alerted_at) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const e of existing) if (!keep.has(e.finding)) del.run(device, e.finding);
      for (const f of findings) ins.run(device, f.key, f.summary, now.toISOString());
    })();
  }
}

export function versionFindingsRepo(db: Database.Database): VersionFindingsRepo {
  return new VersionFindingsRepo(db);
}
