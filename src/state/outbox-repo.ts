/**
 * The alert outbox: alerts queued per channel until delivered. Same table and columns as
 * store/migrations.ts step 2 created (so existing state files keep their queue). Construct it on
 * a connection StateDb opened (StateDb.open migrates first), e.g. `outboxOf(state)`.
 *
 * - Enqueue is idempotent per (channel, alert id): a re-raised alert with the same id (after a
 *   crash, a retried cycle) is not queued twice.
 * - `due` is robust to clock steps: an item waiting longer than its backoff allows is due now
 *   (notify/backoff.ts isDue), so a clock stepped back never delays a retry past its backoff.
 * - Dates are ISO strings from the injected clock. No credentials are stored: errors are the
 *   senders' secret-free messages, bounded.
 */
import type Database from 'better-sqlite3';
import { backoffMs, DEFAULT_BACKOFF, isDue, type BackoffPolicy } from '../notify/backoff.js';
import type { Alert } from '../notify/types.js';

export interface OutboxItem {
  id: number;
  channel: string;
  alert: Alert;
  attempts: number;
}

export interface OutboxEntry extends OutboxItem {
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

const MAX_ERROR = 2000;
const iso = (d: Date) => d.toISOString();
type Row = Record<string, unknown>;

// The table itself is the migrations' (store/migrations.ts, one definition); these indexes are the repository's.
const INDEXES = `
  CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
  CREATE INDEX IF NOT EXISTS outbox_alert_id ON outbox (channel, json_extract(alert_json, '$.id'));
`;

function toEntry(r: Row): OutboxEntry {
  return {
    id: r.id as number,
    channel: r.channel as string,
    alert: JSON.parse(r.alert_json as string) as Alert,
    attempts: r.attempts as number,
    createdAt: r.created_at as string,
    nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
    deliveredAt: (r.delivered_at as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
  };
}

export class OutboxRepo {
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
  ) {
    db.exec(INDEXES);
  }

  private st(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Queue an alert on a channel, due now. Returns its row id, or undefined if that alert id is already queued there. */
  enqueue(channel: string, alert: Alert, now: Date): number | undefined {
    const r = this.st(
      `INSERT INTO outbox (channel, alert_json, created_at, attempts, next_attempt_at)
       SELECT @channel, @json, @now, 0, @now
       WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE channel = @channel AND json_extract(alert_json, '$.id') = @alertId)`,
    ).run({ channel, json: JSON.stringify(alert), now: iso(now), alertId: alert.id });
    return r.changes ? Number(r.lastInsertRowid) : undefined;
  }

  /** Several alerts in one transaction (or inside the caller's: better-sqlite3 nests them as savepoints). */
  enqueueMany(items: ReadonlyArray<{ channel: string; alert: Alert }>, now: Date): Array<number | undefined> {
    return this.db.transaction(() => items.map((i) => this.enqueue(i.channel, i.alert, now)))();
  }

  /**
   * Undelivered items due at `now` (see isDue), oldest schedule first. `exclude`: ids already being
   * sent; `skipChannels`: channels not to take items for now (busy or resting), so a backlog on one
   * channel never uses up the `limit` of the others.
   */
  due(now: Date, limit: number, exclude: ReadonlySet<number> = new Set(), skipChannels: ReadonlySet<string> = new Set()): OutboxItem[] {
    const nowMs = now.getTime();
    // Legitimately waiting items are within (now, now + their backoff]; the cheapest bound for SQL is
    // "first attempt or beyond the base delay", the exact rule is applied below.
    const candidates = this.st(
      `SELECT id, channel, attempts, next_attempt_at FROM outbox
       WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL
         AND (next_attempt_at <= @now OR attempts = 0 OR next_attempt_at > @soonest)
       ORDER BY next_attempt_at, id`,
    ).all({ now: iso(now), soonest: iso(new Date(nowMs + this.backoff.baseDelayMs)) }) as Row[];
    const ids: number[] = [];
    for (const c of candidates) {
      if (ids.length >= limit) break;
      if (exclude.has(c.id as number) || skipChannels.has(c.channel as string)) continue;
      if (isDue(Date.parse(c.next_attempt_at as string), c.attempts as number, nowMs, this.backoff)) ids.push(c.id as number);
    }
    const get = this.st(`SELECT id, channel, alert_json, attempts FROM outbox WHERE id = ?`);
    return ids.map((id) => {
      const r = get.get(id) as Row;
      return { id, channel: r.channel as string, alert: JSON.parse(r.alert_json as string) as Alert, attempts: r.attempts as number };
    });
  }

  markDelivered(id: number, now: Date): void {
    this.st(`UPDATE outbox SET delivered_at = ?, next_attempt_at = NULL WHERE id = ?`).run(iso(now), id);
  }

  /**
   * Count the failed attempt, keep the error, schedule the next try: `nextAttemptAt` if given (null:
   * give up, never due again until `retryAll`), else now + the backoff for its attempts so far.
   */
  markFailed(id: number, now: Date, error: string, nextAttemptAt?: Date | null): void {
    const row = this.st(`SELECT attempts FROM outbox WHERE id = ?`).get(id) as Row | undefined;
    if (!row) return;
    const next = nextAttemptAt === undefined ? new Date(now.getTime() + backoffMs(row.attempts as number, this.backoff.baseDelayMs, this.backoff.maxDelayMs)) : nextAttemptAt;
    const bounded = error.length > MAX_ERROR ? error.slice(0, MAX_ERROR - 1) + '…' : error;
    this.st(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL`).run(
      bounded,
      next ? iso(next) : null,
      id,
    );
  }

  /** Every undelivered item due now (`driftwatch outbox retry`); returns how many. */
  retryAll(now: Date): number {
    return this.st(`UPDATE outbox SET next_attempt_at = ? WHERE delivered_at IS NULL`).run(iso(now)).changes;
  }

  /** Rows, newest first; `pendingOnly`: undelivered ones. */
  list(limit = 100, pendingOnly = false): OutboxEntry[] {
    const rows = this.st(`SELECT * FROM outbox ${pendingOnly ? 'WHERE delivered_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`).all(limit) as Row[];
    return rows.map(toEntry);
  }

  pendingCount(): number {
    return (this.st(`SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL`).get() as { n: number }).n;
  }

  /** Delete delivered rows older than `before`; undelivered ones are kept whatever their age. */
  prune(before: Date): number {
    return this.st(`DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?`).run(iso(before)).changes;
  }
}

/** The outbox of an open state DB (`StateDb.open(...)`): `outboxOf(state)`. */
export function outboxOf(state: { db: Database.Database }, backoff?: BackoffPolicy): OutboxRepo {
  return new OutboxRepo(state.db, backoff);
}
