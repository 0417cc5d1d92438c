/**
 * The rule engine: a pack's rules over one device's snapshot, facts, exec outputs and handshake.
 * Pure; the config is indexed once and every rule queries the index.
 */
import { ConfigIndex } from './config-index.js';
import { evaluateClause, type Decision } from './clauses.js';
import { compiledChecks } from './compile.js';
import { VERDICT_RANK, type EvalInput, type Evidence, type Rule, type RuleResult, type Verdict } from './types.js';

// Object spread is avoided on this path: on Node 20 it measured ~6 µs per object (bench/compliance.ts),
// more than a whole rule. Results are built field by field.
function result(rule: Rule, verdict: Verdict, lines: Evidence[], notes: string[], decide?: string): RuleResult {
  const r: RuleResult = { rule: rule.id, title: rule.title, severity: rule.severity, verdict, lines, notes };
  if (decide) r.decide = decide;
  return r;
}

export { checksFor } from './compile.js';

export function evaluateRule(rule: Rule, idx: ConfigIndex, input: EvalInput): RuleResult {
  const compiled = compiledChecks(rule, input.platform);
  if (!compiled) return result(rule, 'N/A', [], [`not applicable to ${input.platform}`]);
  const checks = compiled.checks;
  if (compiled.appliesIf && !idx.find(compiled.appliesIf).length) {
    return result(rule, 'N/A', [], ['the feature is not configured']);
  }
  const decisions: Decision[] = [];
  const missing: string[] = [];
  for (const clause of compiled.clauses) {
    const d = evaluateClause(clause, idx, input);
    if (!d) continue;
    if ('missing' in d) missing.push(d.missing);
    else decisions.push(d);
  }
  if (!decisions.length) {
    const verdict = checks.otherwise;
    const decide = verdict === 'UNKNOWN' ? (checks.decide ?? (missing.join('; ') || undefined)) : undefined;
    return result(rule, verdict, [], checks.otherwise_note ? [checks.otherwise_note] : [], decide);
  }
  let verdict: Verdict = 'N/A';
  for (const d of decisions) if (VERDICT_RANK[d.verdict] > VERDICT_RANK[verdict]) verdict = d.verdict;
  // Evidence: the lines of the clauses that gave the final verdict (others are context).
  let lines: Evidence[] = [];
  const notes: string[] = [];
  for (const d of decisions) {
    if (d.verdict !== verdict) continue;
    lines = lines.length ? lines.concat(d.lines) : d.lines;
    if (d.note && !notes.includes(d.note)) notes.push(d.note);
  }
  const decide = verdict === 'UNKNOWN' ? (checks.decide ?? (missing.join('; ') || undefined)) : undefined;
  return result(rule, verdict, dedupe(lines), notes, decide);
}

export function worst(vs: Verdict[]): Verdict {
  return vs.reduce((a, b) => (VERDICT_RANK[b] > VERDICT_RANK[a] ? b : a), 'N/A' as Verdict);
}

function dedupe(lines: Evidence[]): Evidence[] {
  if (lines.length < 2) return lines;
  const seen = new Set<number | string>();
  return lines.filter((l) => {
    const k = l.line > 0 ? l.line : l.text;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every rule of the given packs over one device. */
export function evaluateRules(rules: readonly Rule[], input: EvalInput): RuleResult[] {
  const idx = new ConfigIndex(input.config, input.platform);
  return rules.map((r) => evaluateRule(r, idx, input));
}

/**
 * 0-100: the share of decided rules (PASS, WARN, FAIL) that pass, weighted by severity
 * (critical 3, warning 2, info 1); a WARN counts half. Unknown, N/A and waived rules do not count.
 * No decided rule: 100.
 */
export function score(results: readonly RuleResult[]): number {
  const weight = { critical: 3, warning: 2, info: 1 } as const;
  let total = 0;
  let got = 0;
  for (const r of results) {
    if (r.waiver || (r.verdict !== 'PASS' && r.verdict !== 'FAIL' && r.verdict !== 'WARN')) continue;
    const w = weight[r.severity];
    total += w;
    got += r.verdict === 'PASS' ? w : r.verdict === 'WARN' ? w / 2 : 0;
  }
  return total ? Math.round((100 * got) / total) : 100;
}
