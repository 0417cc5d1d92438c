/** Prepared statements cached per SQL text (better-sqlite3 compiles each once per connection). */
import type Database from 'better-sqlite3';

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}

const MAX_TEXT = 2000;
export const iso = (d: Date) => d.toISOString();
/** Error texts and operator messages are bounded before they are stored. */
export const bounded = (s: string | null | undefined) => (s == null ? null : s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s);
