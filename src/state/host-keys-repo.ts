/** Pinned SSH host keys, one per device (and `jump:<name>` per jump host). */
import type { HostKeyRow, Row } from '../store/state-rows.js';
import { iso, type Statements } from './statements.js';

export class HostKeyConflictError extends Error {
  constructor(
    readonly device: string,
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(`host key of ${device} is pinned to ${pinned}, refusing to replace it with ${presented} (forget it first)`);
    this.name = 'HostKeyConflictError';
  }
}

export interface HostKeysPort {
  getHostKey(device: string): HostKeyRow | undefined;
  pinHostKey(device: string, keyType: string, fingerprint: string, now: Date): void;
  forgetHostKey(device: string): void;
  countHostKeys(): number;
}

export class HostKeysRepo implements HostKeysPort {
  constructor(private readonly st: Statements) {}

  getHostKey(device: string): HostKeyRow | undefined {
    const r = this.st.get(`SELECT key_type, fingerprint, first_seen, last_seen FROM host_keys WHERE device = ?`).get(device) as Row | undefined;
    if (!r) return undefined;
    return { keyType: r.key_type as string, fingerprint: r.fingerprint as string, firstSeen: r.first_seen as string, lastSeen: r.last_seen as string };
  }

  /** Pin a key on first use, or refresh last_seen when it matches; throws HostKeyConflictError on a different key. */
  pinHostKey(device: string, keyType: string, fingerprint: string, now: Date): void {
    this.st.db
      .transaction(() => {
        const cur = this.getHostKey(device);
        if (!cur) {
          this.st.get(`INSERT INTO host_keys (device, key_type, fingerprint, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)`).run(device, keyType, fingerprint, iso(now), iso(now));
        } else if (cur.keyType === keyType && cur.fingerprint === fingerprint) {
          this.st.get(`UPDATE host_keys SET last_seen = ? WHERE device = ?`).run(iso(now), device);
        } else {
          throw new HostKeyConflictError(device, `${cur.keyType} ${cur.fingerprint}`, `${keyType} ${fingerprint}`);
        }
      })
      .immediate();
  }

  forgetHostKey(device: string): void {
    this.st.get(`DELETE FROM host_keys WHERE device = ?`).run(device);
  }

  countHostKeys(): number {
    return (this.st.get(`SELECT COUNT(*) AS n FROM host_keys`).get() as { n: number }).n;
  }
}
