/**
 * Compliance state: the latest verdicts per device and rule (to find PASS->FAIL transitions on the
 * next pull), the latest score, and the history of software facts (version, model, image) to spot
 * downgrades. Own tables on the StateDb connection, created idempotently.
 */
import type Database from 'better-sqlite3';
import type { StateDb } from '../store/state.js';
import type { SoftwareFacts } from '../compliance/software/changes.js';
import type { StoredVerdict } from '../compliance/transitions.js';
import type { Evidence, RuleResult, Verdict } from '../compliance/types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS compliance_verdicts (
  device TEXT NOT NULL, rule TEXT NOT NULL, verdict TEXT NOT NULL, severity TEXT NOT NULL,
  lines TEXT NOT NULL, waived INTEGER NOT NULL DEFAULT 0, evaluated_at TEXT NOT NULL,
  PRIMARY KEY (device, rule));
CREATE TABLE IF NOT EXISTS compliance_scores (
  device TEXT PRIMARY KEY, score INTEGER NOT NULL, commit_id TEXT, evaluated_at TEXT NOT NULL, input_key TEXT);
CREATE TABLE IF NOT EXISTS software_facts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL, seen_at TEXT NOT NULL,
  os_version TEXT, model TEXT, image TEXT);
CREATE INDEX IF NOT EXISTS software_facts_device ON software_facts (device, id);
`;

export interface StoredResult extends StoredVerdict {
  severity: string;
  lines: Evidence[];
  waived: boolean;
  evaluatedAt: string;
}

export interface SoftwareFactsRow extends SoftwareFacts {
  seenAt: string;
}

/** Evidence lines kept per rule (the store has the full config). */
const MAX_LINES = 20;

/** Statements of the per-pull path, prepared once per connection (a repository is made per cycle). */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Verdict rows written by one INSERT (7 parameters each, under SQLite's 32,766 limit). */
const ROWS_PER_INSERT = 50;

export class ComplianceRepo {
  constructor(private readonly db: Database.Database) {
    if (!statements.has(db)) {
      db.exec(SCHEMA);
      statements.set(db, new Map());
    }
  }

  private st(sql: string): Database.Statement {
    const cache = statements.get(this.db)!;
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  previousVerdicts(device: string): StoredVerdict[] {
    return this.st('SELECT rule, verdict FROM compliance_verdicts WHERE device = ?').all(device) as StoredVerdict[];
  }

  results(device: string): StoredResult[] {
    const rows = this.db
      .prepare('SELECT rule, verdict, severity, lines, waived, evaluated_at FROM compliance_verdicts WHERE device = ? ORDER BY rule')
      .all(device) as Array<{ rule: string; verdict: Verdict; severity: string; lines: string; waived: number; evaluated_at: string }>;
    return rows.map((r) => ({ rule: r.rule, verdict: r.verdict, severity: r.severity, lines: JSON.parse(r.lines) as Evidence[], waived: !!r.waived, evaluatedAt: r.evaluated_at }));
  }

  /** Replaces the device's verdicts (rules no longer evaluated disappear) and its score, in one transaction. */
  /** Key of the inputs last evaluated (see pipeline.ts): equal inputs cannot give other verdicts. */
  inputKey(device: string): string | undefined {
    const r = this.st('SELECT input_key FROM compliance_scores WHERE device = ?').get(device) as { input_key: string | null } | undefined;
    return r?.input_key ?? undefined;
  }

  save(device: string, results: readonly RuleResult[], score: number, now: Date, commit?: string, inputKey?: string): void {
    const at = now.toISOString();
    // Rules no longer evaluated disappear; the others are updated in place (no delete and re-insert).
    const stale = this.st('DELETE FROM compliance_verdicts WHERE device = ? AND rule NOT IN (SELECT value FROM json_each(?))');
    const sc = this.st(
      'INSERT INTO compliance_scores (device, score, commit_id, evaluated_at, input_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET score = excluded.score, commit_id = excluded.commit_id, evaluated_at = excluded.evaluated_at, input_key = excluded.input_key',
    );
    this.db.transaction(() => {
      stale.run(device, JSON.stringify(results.map((r) => r.rule)));
      // A whole pack's rows per statement: one call into SQLite instead of one per rule.
      for (let from = 0; from < results.length; from += ROWS_PER_INSERT) {
        const batch = results.slice(from, from + ROWS_PER_INSERT);
        const params: unknown[] = [];
        for (const r of batch) params.push(device, r.rule, r.verdict, r.severity, r.lines.length ? JSON.stringify(r.lines.slice(0, MAX_LINES)) : '[]', r.waiver ? 1 : 0, at);
        this.insertRows(batch.length).run(params);
      }
      sc.run(device, score, commit ?? null, at, inputKey ?? null);
    })();
  }

  private insertRows(n: number): Database.Statement {
    return this.st(
      `INSERT INTO compliance_verdicts (device, rule, verdict, severity, lines, waived, evaluated_at) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')} ` +
        'ON CONFLICT (device, rule) DO UPDATE SET verdict = excluded.verdict, severity = excluded.severity, lines = excluded.lines, waived = excluded.waived, evaluated_at = excluded.evaluated_at',
    );
  }

  /** Latest score per device (for `status`). */
  scores(): Map<string, { score: number; evaluatedAt: string }> {
    const rows = this.db.prepare('SELECT device, score, evaluated_at FROM compliance_scores').all() as Array<{ device: string; score: number; evaluated_at: string }>;
    return new Map(rows.map((r) => [r.device, { score: r.score, evaluatedAt: r.evaluated_at }]));
  }

  /** The last recorded software facts of a device. */
  lastSoftware(device: string): SoftwareFactsRow | undefined {
    const r = this.db.prepare('SELECT os_version, model, image, seen_at FROM software_facts WHERE device = ? ORDER BY id DESC LIMIT 1').get(device) as
      | { os_version: string | null; model: string | null; image: string | null; seen_at: string }
      | undefined;
    return r ? { os_version: r.os_version ?? undefined, model: r.model ?? undefined, image: r.image ?? undefined, seenAt: r.seen_at } : undefined;
  }

  /**
   * Records the facts when they differ from the last ones; returns the previous row (for the
   * downgrade check) or undefined when nothing changed or nothing was known before.
   */
  recordSoftware(device: string, facts: SoftwareFacts, now: Date): SoftwareFactsRow | undefined {
    const last = this.lastSoftware(device);
    if (last && last.os_version === facts.os_version && last.model === facts.model && last.image === facts.image) return undefined;
    if (!facts.os_version && !facts.model && !facts.image) return undefined;
    this.db
      .prepare('INSERT INTO software_facts (device, seen_at, os_version, model, image) VALUES (?, ?, ?, ?, ?)')
      .run(device, now.toISOString(), facts.os_version ?? null, facts.model ?? null, facts.image ?? null);
    return last;
  }

  softwareHistory(device: string, limit = 50): SoftwareFactsRow[] {
    const rows = this.db.prepare('SELECT os_version, model, image, seen_at FROM software_facts WHERE device = ? ORDER BY id DESC LIMIT ?').all(device, limit) as Array<{
      os_version: string | null;
      model: string | null;
      image: string | null;
      seen_at: string;
    }>;
    return rows.map((r) => ({ os_version: r.os_version ?? undefined, model: r.model ?? undefined, image: r.image ?? undefined, seenAt: r.seen_at }));
  }
}

/** The repository on a StateDb's connection (the lead wires this where the cycle holds its StateDb). */
export function complianceRepo(state: StateDb): ComplianceRepo {
  return new ComplianceRepo(state.db);
}
