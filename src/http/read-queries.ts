/** Read-only queries the HTTP side needs that StateDb has no method for (on the HTTP server's own connection). */
import type Database from 'better-sqlite3';
import type { PullEvent } from './ports.js';

export function recentPullEvents(db: Database.Database, limit: number, offset: number): PullEvent[] {
  const rows = db
    .prepare(`SELECT device, started_at, result, error_kind, "commit" FROM pulls ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(limit, offset) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ device: r.device as string, at: r.started_at as string, result: r.result as string, errorKind: (r.error_kind as string | null) ?? null, commit: (r.commit as string | null) ?? null }));
}

export function outboxBacklog(db: Database.Database): { depth: number; oldest: string | null } {
  const r = db
    .prepare(`SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL`)
    .get() as { n: number; oldest: string | null };
  return { depth: r.n, oldest: r.oldest };
}

export function lastPullAt(db: Database.Database): string | null {
  return (db.prepare(`SELECT MAX(last_pull_at) AS t FROM devices`).get() as { t: string | null }).t;
}
