/** The state gauges of /metrics, computed at scrape time from the HTTP server's own connection. */
import type Database from 'better-sqlite3';
import type { FleetSnapshot } from '../metrics/metrics.js';
import type { ReviewPort } from './ports.js';
import { outboxBacklog } from './read-queries.js';

export function fleetSource(port: ReviewPort, db: Database.Database, now: () => Date): () => FleetSnapshot {
  return () => {
    const devicesByState: Record<string, number> = { ok: 0, drifted: 0, failing: 0, never: 0 };
    for (const d of port.listDevices()) devicesByState[d.state] = (devicesByState[d.state] ?? 0) + 1;
    const openDriftBySeverity: Record<string, number> = { critical: 0, warning: 0, info: 0 };
    for (const d of port.openDrift()) openDriftBySeverity[d.severity] = (openDriftBySeverity[d.severity] ?? 0) + 1;
    const backlog = outboxBacklog(db);
    const outboxOldestSeconds = backlog.oldest ? Math.max(0, (now().getTime() - Date.parse(backlog.oldest)) / 1000) : 0;
    return { devicesByState, openDriftBySeverity, outboxDepth: backlog.depth, outboxOldestSeconds };
  };
}
