/**
 * Small facts about the state file itself, e.g. the store HEAD the state last saw (`store_head`):
 * comparing it with the store on open tells whether commits happened that the state never
 * recorded (a crash between the git commit and the state write), or whether the store was
 * replaced or rewound.
 */
import type { Statements } from './statements.js';

export interface MetaPort {
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

export class MetaRepo implements MetaPort {
  constructor(private readonly st: Statements) {
    st.db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  }

  getMeta(key: string): string | undefined {
    return (this.st.get(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.st.get(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
  }
}
