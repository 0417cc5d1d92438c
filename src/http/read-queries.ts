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

export interface FleetRow {
  name: string;
  last_pull_at: string | null;
  last_result: string | null;
  last_error_kind: string | null;
  last_error: string | null;
  last_commit: string | null;
  consecutive_failures: number;
  facts: Record<string, unknown>;
}

/** Just the columns the fleet list shows (about half the cost of StateDb.deviceStatus on 10,000 rows). */
export function fleetRows(db: Database.Database): Map<string, FleetRow> {
  const rows = db
    .prepare(`SELECT d.name, d.last_pull_at, d.last_result, d.last_error_kind, d.last_error, d.last_commit, d.consecutive_failures, f.json AS facts_json
              FROM devices d LEFT JOIN facts f ON f.device = d.name`)
    .all() as Array<FleetRow & { facts_json: string | null }>;
  const out = new Map<string, FleetRow>();
  for (const { facts_json, ...r } of rows) {
    let facts: Record<string, unknown> = {};
    if (facts_json) {
      try {
        facts = JSON.parse(facts_json) as Record<string, unknown>;
      } catch {} // a damaged facts row shows as no facts
    }
    out.set(r.name, { ...r, facts });
  }
  return out;
}
