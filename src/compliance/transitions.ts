/**
 * What changed between a device's previous and current verdicts (pure): a rule that passed and now
 * fails is a regression, one that failed and now passes is a fix. Waived rules never alert.
 * A rule that first appears (new pack, first pull) is not a regression: there was no PASS to lose.
 */
import type { RuleResult, Verdict } from './types.js';

export interface StoredVerdict {
  rule: string;
  verdict: Verdict;
}

export interface ComplianceTransitions {
  /** PASS -> FAIL. */
  regressions: RuleResult[];
  /** FAIL -> PASS. */
  fixes: RuleResult[];
}

export function complianceTransitions(previous: readonly StoredVerdict[], next: readonly RuleResult[]): ComplianceTransitions {
  const before = new Map(previous.map((p) => [p.rule, p.verdict]));
  const regressions: RuleResult[] = [];
  const fixes: RuleResult[] = [];
  for (const r of next) {
    if (r.waiver) continue;
    const was = before.get(r.rule);
    if (was === 'PASS' && r.verdict === 'FAIL') regressions.push(r);
    else if (was === 'FAIL' && r.verdict === 'PASS') fixes.push(r);
  }
  return { regressions, fixes };
}
