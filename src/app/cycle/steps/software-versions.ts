/**
 * The user's versions file (minimum / recommended version per platform and model, end-of-life
 * dates) against each pulled device's software facts. A finding alerts once: the alerted ones
 * are remembered in state (in the cycle's transaction, so a crash cannot drop an alert whose
 * finding was marked as alerted). Facts of a pull that skipped the facts commands are the stored
 * ones; checking every cycle is a few comparisons and catches an end-of-life date passing.
 */
import { versionFindingsAlert } from '../../../compliance/software/alerts.js';
import { checkVersion, type SoftwareFacts } from '../../../compliance/software/changes.js';
import { currentVersionPolicies } from '../../../compliance/software/versions-file-cache.js';
import { versionFindingsRepo } from '../../../state/version-findings-repo.js';
import type { CycleStep } from '../record.js';

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function softwareFacts(facts: Record<string, unknown> | undefined): SoftwareFacts | undefined {
  if (!facts) return undefined;
  const out = { os_version: text(facts.os_version), model: text(facts.model), image: text(facts.image) };
  return out.os_version || out.model ? out : undefined;
}

export const softwareVersions: CycleStep = {
  name: 'software-versions',
  run(records, ctx) {
    const policies = currentVersionPolicies(ctx.cfg, (message) => ctx.log.error({ file: ctx.cfg.software?.versions_file }, `${message}: no version findings until it is fixed`));
    if (!policies?.length) return;
    const now = ctx.clock();
    const repo = versionFindingsRepo(ctx.state.db);
    const alerted = repo.alerted();
    for (const r of records) {
      if (r.pull.result === 'failed') continue;
      const facts = softwareFacts((r.pull.facts as Record<string, unknown> | undefined) ?? r.before?.facts);
      if (!facts) continue;
      const findings = checkVersion(r.device.platform, facts, policies, now);
      const before = alerted.get(r.device.name) ?? new Set<string>();
      const fresh = findings.filter((f) => !before.has(f.key));
      const gone = before.size > findings.length - fresh.length;
      if (!fresh.length && !gone) continue;
      const alert = versionFindingsAlert(r.device, fresh, now);
      if (alert) r.alerts.push(alert);
      ctx.inTransaction.push(() => repo.replace(r.device.name, findings, now));
    }
  },
};
