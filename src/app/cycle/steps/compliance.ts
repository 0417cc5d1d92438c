/**
 * Hardening verdicts of this cycle's snapshots: a PASS turning into FAIL raises a
 * `compliance-regression` alert even when the change itself was authorized (a window does not
 * make telnet acceptable); FAIL to PASS sends a notice. Verdicts are saved in the cycle's
 * transaction, so a crash cannot store a FAIL whose alert was never queued. Software facts
 * (version, image) are compared with the previous ones: a downgrade is a classic way back to a
 * vulnerable release.
 */
import { complianceFixedNotice, complianceRegressionAlert } from '../../../compliance/alerts.js';
import { complianceRepo } from '../../../state/compliance-repo.js';
import { softwareChangeAlert } from '../../../compliance/software/alerts.js';
import { softwareChanges } from '../../../compliance/software/changes.js';
import type { CycleStep } from '../record.js';

export const compliance: CycleStep = {
  name: 'compliance',
  run(records, ctx) {
    if (!ctx.compliance) return;
    const now = ctx.clock();
    const repo = complianceRepo(ctx.state);
    for (const r of records) {
      // Software facts: a downgrade or image change that no window or ticket covered alerts.
      const facts = r.pull.facts;
      if (facts && (facts.os_version || facts.image)) {
        const previous = repo.recordSoftware(r.device.name, { os_version: facts.os_version, model: facts.model, image: facts.image }, now);
        const software = softwareChangeAlert(r.device, softwareChanges(previous, facts), r.decision?.action === 'authorize', now);
        if (software) r.alerts.push(software);
      }
      const f = ctx.compliance.findings.get(r.device.name);
      if (!f) continue;
      ctx.inTransaction.push(() => repo.save(r.device.name, f.evaluation.results, f.evaluation.score, now, r.current, f.key));
      if (f.regressions.length) r.alerts.push(complianceRegressionAlert(r.device, f.regressions, ctx.compliance.rules, now, r.current));
      if (f.fixes.length) r.alerts.push(complianceFixedNotice(r.device, f.fixes, now, r.current));
    }
  },
};
