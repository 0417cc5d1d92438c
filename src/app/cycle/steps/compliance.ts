/**
 * Hardening verdicts of this cycle's snapshots: a PASS turning into FAIL raises a
 * `compliance-regression` alert even when the change itself was authorized (a window does not
 * make telnet acceptable); FAIL to PASS sends a notice. Verdicts are saved in the cycle's
 * transaction, so a crash cannot store a FAIL whose alert was never queued.
 */
import { complianceFixedNotice, complianceRegressionAlert } from '../../../compliance/alerts.js';
import { complianceRepo } from '../../../state/compliance-repo.js';
import type { CycleStep } from '../record.js';

export const compliance: CycleStep = {
  name: 'compliance',
  run(records, ctx) {
    if (!ctx.compliance) return;
    const now = ctx.clock();
    const repo = complianceRepo(ctx.state);
    for (const r of records) {
      const f = ctx.compliance.findings.get(r.device.name);
      if (!f) continue;
      ctx.inTransaction.push(() => repo.save(r.device.name, f.evaluation.results, f.evaluation.score, now, r.current, f.key));
      if (f.regressions.length) r.alerts.push(complianceRegressionAlert(r.device, f.regressions, ctx.compliance.rules, now, r.current));
      if (f.fixes.length) r.alerts.push(complianceFixedNotice(r.device, f.fixes, now, r.current));
    }
  },
};
