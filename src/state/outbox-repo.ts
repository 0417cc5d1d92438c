/**
 * The alert outbox: one row per (channel, alert). An alert id is deterministic per event, so
 * queueing the same alert on the same channel twice (a cycle re-run after a crash) is a no-op.
 */
import type { Alert } from '../notify/types.js';
import type { OutboxItem, OutboxRow, Row } from '../store/state-rows.js';
import { bounded, iso, type Statements } from './statements.js';

export interface OutboxPort {
  enqueueAlert(channel: string, alert: Alert, now: Date, notBefore?: Date): number;
  enqueueAlerts(items: Array<{ channel: string; alert: Alert }>, now: Date): number[];
  due(now: Date, limit: number): OutboxItem[];
  markDelivered(id: number, now: Date): void;
  markFailed(id: number, now: Date, error: string, nextAttemptAt: Date | null): void;
  listOutbox(limit?: number, pendingOnly?: boolean): OutboxRow[];
  pruneOutbox(before: Date): number;
}

export class OutboxRepo implements OutboxPort {
  constructor(private readonly st: Statements) {
    st.db.exec(`CREATE INDEX IF NOT EXISTS outbox_channel_alert ON outbox (channel, json_extract(alert_json, '$.id'))`);
  }

  /** Queue an alert on a channel, due immediately (or at `notBefore`). Returns the outbox id (the existing one for a repeat). */
  enqueueAlert(channel: string, alert: Alert, now: Date, notBefore: Date = now): number {
    const existing = this.st.get(`SELECT id FROM outbox WHERE channel = ? AND json_extract(alert_json, '$.id') = ?`).get(channel, alert.id) as { id: number } | undefined;
    if (existing) return existing.id;
    const r = this.st
      .get(`INSERT INTO outbox (channel, alert_json, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, 0, ?)`)
      .run(channel, JSON.stringify(alert), iso(now), iso(notBefore));
    return Number(r.lastInsertRowid);
  }

  /** Queue several alerts in one transaction; returns their ids in order. */
  enqueueAlerts(items: Array<{ channel: string; alert: Alert }>, now: Date): number[] {
    return this.st.db.transaction(() => items.map((i) => this.enqueueAlert(i.channel, i.alert, now)))();
  }

  /** Undelivered items with next_attempt_at <= now, oldest due first. */
  due(now: Date, limit: number): OutboxItem[] {
    const rows = this.st
      .get(
        `SELECT id, channel, alert_json, attempts FROM outbox
         WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(iso(now), Math.max(0, Math.floor(limit))) as Row[];
    return rows.map((r) => ({ id: r.id as number, channel: r.channel as string, alert: JSON.parse(r.alert_json as string) as Alert, attempts: r.attempts as number }));
  }

  markDelivered(id: number, now: Date): void {
    this.st.get(`UPDATE outbox SET delivered_at = ?, next_attempt_at = NULL WHERE id = ?`).run(iso(now), id);
  }

  /** Count the failed attempt, keep the error, schedule the next try (null: give up, never due again). */
  markFailed(id: number, _now: Date, error: string, nextAttemptAt: Date | null): void {
    this.st
      .get(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL`)
      .run(bounded(error), nextAttemptAt ? iso(nextAttemptAt) : null, id);
  }

  /** Outbox rows (newest first), for the CLI and tests. */
  listOutbox(limit = 100, pendingOnly = false): OutboxRow[] {
    const rows = this.st.get(`SELECT * FROM outbox ${pendingOnly ? 'WHERE delivered_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`).all(limit) as Row[];
    return rows.map((r) => ({
      id: r.id as number,
      channel: r.channel as string,
      alert: JSON.parse(r.alert_json as string) as Alert,
      attempts: r.attempts as number,
      createdAt: r.created_at as string,
      nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
      deliveredAt: (r.delivered_at as string | null) ?? null,
      lastError: (r.last_error as string | null) ?? null,
    }));
  }

  /** Delete delivered items older than `before`; returns rows deleted. */
  pruneOutbox(before: Date): number {
    return this.st.get(`DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?`).run(iso(before)).changes;
  }
}
