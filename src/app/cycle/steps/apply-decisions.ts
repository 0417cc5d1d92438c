/**
 * Apply every decision of the cycle in one place. Git first (baseline refs and approval tags are
 * idempotent: written again after a crash they change nothing), then one SQLite transaction with
 * the drift state changes and the outbox rows of the alerts they raise: an alert is queued if and
 * only if its state change happened, whatever instant a crash picks.
 */
import { channelsFor } from '../../../notify/route.js';
import type { Alert } from '../../../notify/types.js';
import { approvalTagName, moveBaselines, type BaselineMove } from '../../baseline.js';
import type { CycleContext, CycleStep, DeviceRecord } from '../record.js';
import { auditRepo } from '../../../state/audit-repo.js';

export const applyDecisions: CycleStep = {
  name: 'apply-decisions',
  async run(records, ctx) {
    const now = ctx.clock();
    const firsts: BaselineMove[] = [];
    const advances: BaselineMove[] = [];
    const authorized: DeviceRecord[] = [];
    for (const r of records) {
      const d = r.decision;
      if (d?.action === 'set-baseline') firsts.push({ device: r.device.name, commit: r.current!, by: null, message: 'first snapshot' });
      if (d?.action === 'advance-baseline') advances.push({ device: r.device.name, commit: r.current!, by: null, message: 'no drift (only ignored or re-masked lines changed)' });
      if (d?.action === 'authorize') authorized.push(r);
    }
    await moveBaselines(ctx.archive, ctx.state, firsts, now, 'first snapshot');
    await moveBaselines(ctx.archive, ctx.state, advances, now, 'no drift');
    for (const r of authorized) {
      const a = r.decision!.action === 'authorize' ? r.decision!.authorization : undefined;
      await moveBaselines(ctx.archive, ctx.state, [{ device: r.device.name, commit: r.current!, by: a!.by, message: a!.note }], now, a!.by);
      await tagOnce(ctx, approvalTagName(r.device.name, now), r.current!, `approved ${r.device.name} by ${a!.by}\n\n${a!.note}${a!.ticket ? `\n\nChange-Ticket: ${a!.ticket}` : ''}`);
      // The audit trail shows automatic approvals beside people's: by window:<name> or ticket:<id>.
      ctx.inTransaction.push(() => auditRepo(ctx.state.db).record({ actor: a!.by, action: 'approve', target: r.device.name, detail: `baseline ${r.current!.slice(0, 12)}: ${a!.note}`, address: 'driftwatch' }, now));
    }

    const alerts: Alert[] = [...records.flatMap((r) => r.alerts), ...ctx.systemAlerts];
    const routed = alerts.flatMap((alert) => channelsFor(alert, ctx.cfg.alerts).map(({ id }) => ({ channel: id, alert })));
    ctx.state.transaction(() => {
      for (const r of records) applyDriftState(r, ctx, now);
      for (const write of ctx.inTransaction) write();
      if (routed.length) ctx.state.enqueueAlerts(routed, now);
    });
    for (const a of alerts) ctx.log.warn({ device: a.device.name, kind: a.kind, severity: a.severity }, a.summary);
  },
};

function applyDriftState(r: DeviceRecord, ctx: CycleContext, now: Date): void {
  const d = r.decision;
  const res = r.comparison;
  const name = r.device.name;
  switch (d?.action) {
    case 'open':
      ctx.state.openDrift({ device: name, severity: res!.severity, baselineCommit: r.baseline, currentCommit: r.current, added: res!.added, removed: res!.removed, diffHash: d.diffHash }, now);
      break;
    case 'update':
      ctx.state.updateDrift(d.driftId, { severity: res!.severity, currentCommit: r.current, added: res!.added, removed: res!.removed, diffHash: d.diffHash }, now);
      break;
    case 'still-open':
      ctx.state.updateDrift(d.driftId, { currentCommit: r.current }, now);
      break;
    case 'resolve':
      ctx.state.resolveDrift(d.driftId, now);
      break;
    case 'advance-baseline':
      if (d.resolveId !== undefined) ctx.state.resolveDrift(d.resolveId, now);
      break;
    default:
      break;
  }
}

/** The tag may exist from a run that crashed after writing it: that is the same approval. */
async function tagOnce(ctx: CycleContext, name: string, commit: string, message: string): Promise<void> {
  const existing = await ctx.archive.getRef(`refs/tags/${name}`);
  if (!existing) await ctx.archive.tag(name, commit, message);
}
