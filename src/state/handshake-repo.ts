/**
 * The last SSH handshake seen per device (negotiated and offered algorithms, host key type and
 * size, server ident): evidence for `status` and the API without a new pull. Public data only.
 * Its own table on the state's connection, created idempotently.
 */
import type Database from 'better-sqlite3';
import type { Handshake } from '../transport/handshake.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS device_handshakes (
  device TEXT PRIMARY KEY, seen_at TEXT NOT NULL, handshake TEXT NOT NULL);
`;

export interface StoredHandshake extends Handshake {
  seenAt: string;
}

export class HandshakeRepo {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  record(device: string, h: Handshake, now: Date): void {
    this.db
      .prepare('INSERT INTO device_handshakes (device, seen_at, handshake) VALUES (?, ?, ?) ON CONFLICT (device) DO UPDATE SET seen_at = excluded.seen_at, handshake = excluded.handshake')
      .run(device, now.toISOString(), JSON.stringify(h));
  }

  all(): Map<string, StoredHandshake> {
    const rows = this.db.prepare('SELECT device, seen_at, handshake FROM device_handshakes').all() as Array<{ device: string; seen_at: string; handshake: string }>;
    return new Map(rows.map((r) => [r.device, { ...(JSON.parse(r.handshake) as Handshake), seenAt: r.seen_at }]));
  }

  get(device: string): StoredHandshake | undefined {
    const r = this.db.prepare('SELECT seen_at, handshake FROM device_handshakes WHERE device = ?').get(device) as { seen_at: string; handshake: string } | undefined;
    return r ? { ...(JSON.parse(r.handshake) as Handshake), seenAt: r.seen_at } : undefined;
  }
}

export function handshakeRepo(db: Database.Database): HandshakeRepo {
  return new HandshakeRepo(db);
}
