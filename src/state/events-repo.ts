/**
 * Config-change events announced by syslog, kept in the state file (same connection as StateDb):
 * the last `maxPerDevice` per device and nothing older than the retention, plus a small permanent
 * table of devices that have announced changes at all (what makes a silent change suspicious).
 * Tables are created here, idempotently, so no migration of StateDb is needed.
 */
import type Database from 'better-sqlite3';
import type { ReceivedChange } from '../syslog/claim.js';

export interface EventRow {
  id: number;
  device: string;
  receivedAt: string;
  kind: string;
  code: string;
  user: string | null;
  source: string | null;
  line: string | null;
  via: string | null;
  command: string | null;
  sender: string;
  transport: string;
  raw: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS syslog_events (
  id INTEGER PRIMARY KEY,
  device TEXT NOT NULL,
  received_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  user TEXT, source TEXT, line TEXT, via TEXT, command TEXT,
  sender TEXT NOT NULL,
  transport TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS syslog_events_device_time ON syslog_events (device, received_at);
CREATE INDEX IF NOT EXISTS syslog_events_time ON syslog_events (received_at);
CREATE TABLE IF NOT EXISTS syslog_announcers (
  device TEXT PRIMARY KEY,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  events INTEGER NOT NULL
);`;

const toRow = (r: Record<string, unknown>): EventRow => ({
  id: r.id as number,
  device: r.device as string,
  receivedAt: r.received_at as string,
  kind: r.kind as string,
  code: r.code as string,
  user: (r.user as string | null) ?? null,
  source: (r.source as string | null) ?? null,
  line: (r.line as string | null) ?? null,
  via: (r.via as string | null) ?? null,
  command: (r.command as string | null) ?? null,
  sender: r.sender as string,
  transport: r.transport as string,
  raw: r.raw as string,
});

export class EventsRepo {
  private readonly insert: Database.Statement;
  private readonly announce: Database.Statement;
  private readonly trim: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly maxPerDevice = 1000,
  ) {
    db.exec(SCHEMA);
    this.insert = db.prepare(
      `INSERT INTO syslog_events (device, received_at, kind, code, user, source, line, via, command, sender, transport, raw)
       VALUES (@device, @receivedAt, @kind, @code, @user, @source, @line, @via, @command, @sender, @transport, @raw)`,
    );
    this.announce = db.prepare(
      `INSERT INTO syslog_announcers (device, first_at, last_at, events) VALUES (?, ?, ?, 1)
       ON CONFLICT (device) DO UPDATE SET last_at = excluded.last_at, events = events + 1`,
    );
    this.trim = db.prepare(
      `DELETE FROM syslog_events WHERE device = ? AND id <= (SELECT id FROM syslog_events WHERE device = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    );
  }

  /** Keep one recognised change (fields are already cleaned by the recogniser). */
  record(c: ReceivedChange): void {
    const e = c.event;
    this.db.transaction(() => {
      const id = Number(
        this.insert.run({
          device: c.device,
          receivedAt: c.receivedAt,
          kind: e.kind,
          code: e.code,
          user: e.user ?? null,
          source: e.source ?? null,
          line: e.line ?? null,
          via: e.via ?? null,
          command: e.command ?? null,
          sender: c.sender,
          transport: c.transport,
          raw: c.raw,
        }).lastInsertRowid,
      );
      this.announce.run(c.device, c.receivedAt, c.receivedAt);
      // Trim now and then, not on every row (a burst of 100 costs one DELETE).
      if (id % 50 === 0) this.trim.run(c.device, c.device, this.maxPerDevice);
    })();
  }

  /** Newest first; one device or all. */
  list(opts: { device?: string; limit?: number } = {}): EventRow[] {
    const limit = Math.max(1, Math.min(opts.limit ?? 100, 10_000));
    const rows = opts.device
      ? this.db.prepare(`SELECT * FROM syslog_events WHERE device = ? ORDER BY id DESC LIMIT ?`).all(opts.device, limit)
      : this.db.prepare(`SELECT * FROM syslog_events ORDER BY id DESC LIMIT ?`).all(limit);
    return (rows as Array<Record<string, unknown>>).map(toRow);
  }

  /** Config-change events of a device received in [from, to] (for unannounced changes). */
  countBetween(device: string, from: Date, to: Date): number {
    const r = this.db.prepare(`SELECT COUNT(*) AS n FROM syslog_events WHERE device = ? AND received_at >= ? AND received_at <= ?`).get(device, from.toISOString(), to.toISOString()) as { n: number };
    return r.n;
  }

  /** Has this device ever announced a config change by syslog (survives pruning)? */
  hasAnnounced(device: string): boolean {
    return !!this.db.prepare(`SELECT 1 FROM syslog_announcers WHERE device = ?`).get(device);
  }

  /** Drop events older than `before` and beyond the per-device cap; returns rows deleted. */
  prune(before: Date): number {
    let n = this.db.prepare(`DELETE FROM syslog_events WHERE received_at < ?`).run(before.toISOString()).changes;
    for (const { device } of this.db.prepare(`SELECT device FROM syslog_events GROUP BY device HAVING COUNT(*) > ?`).all(this.maxPerDevice) as Array<{ device: string }>) {
      n += this.trim.run(device, device, this.maxPerDevice).changes;
    }
    return n;
  }
}

/** The accessor the composition root wires: `eventsRepo(state.db)`. */
export function eventsRepo(db: Database.Database): EventsRepo {
  return new EventsRepo(db);
}
