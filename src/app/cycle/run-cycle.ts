/**
 * One whole cycle behind `driftwatch pull` and each daemon tick: reconcile state with the store,
 * pull and archive, then the steps of steps.ts. Delivery of the queued alerts is not part of it
 * (the daemon's delivery loop, or the CLI right after the cycle).
 */
import type { Device } from '../../config/schema.js';
import { pullAndArchive, type DeviceResult } from '../../collect/cycle.js';
import type { HostKeyEvent } from '../../collect/host-key-policy.js';
import type { Alert } from '../../notify/types.js';
import { stateRebuiltAlert } from '../alerts.js';
import type { AppContext } from '../context.js';
import { reconcile, type ReconcileReport } from '../reconcile.js';
import { withStateMutex } from '../writer-lock.js';
import type { SyslogClaim } from '../../syslog/claim.js';
import { authorizationContext, changeTicketsForCommit } from '../../authorize/context.js';
import { expectationsRepo } from '../../state/expectations-repo.js';
import { loadComplianceContext, type ComplianceContext } from '../../compliance/pipeline.js';
import { complianceRepo } from '../../state/compliance-repo.js';
import { complianceProbe } from './compliance-probe.js';
import type { Config } from '../../config/schema.js';
import type { Facts } from '../../drivers/types.js';
import type { CycleContext, CycleStep, DeviceRecord } from './record.js';
import { CYCLE_STEPS } from './steps.js';
import { traceStage } from '../../core/stage-trace.js';

export interface CycleOptions {
  signal?: AbortSignal;
  onResult?(r: DeviceResult): void;
  steps?: readonly CycleStep[];
  /** Syslog claims of the devices pulled because they announced a change (daemon). */
  claims?: ReadonlyMap<string, SyslogClaim>;
  /**
   * The daemon's syslog pull beside a running cycle of the same process: that cycle reconciled at
   * its start, and its commits not yet recorded in state are in flight, not lost in a crash.
   */
  skipReconcile?: boolean;
  /** A syslog-announced pull: its commits jump the store's queue (detection latency). */
  urgent?: boolean;
}

export interface CycleReport {
  results: DeviceResult[];
  records: DeviceRecord[];
  alerts: Alert[];
  /** Devices of this cycle with unauthorized drift open after it. */
  openDrift: string[];
  reconcile: ReconcileReport;
}

export async function runCycle(app: AppContext, devices: readonly Device[], opts: CycleOptions = {}): Promise<CycleReport> {
  const { state, log } = app;
  const reconciled = opts.skipReconcile ? { recovered: [], baselinesFromRefs: 0, refsRestored: 0, rebuilt: false } : await reconcile(app.archive, state, app.clock());
  const systemAlerts: Alert[] = [];
  if (reconciled.recovered.length && !reconciled.rebuilt) log.warn({ devices: reconciled.recovered.slice(0, 20), count: reconciled.recovered.length }, 'commits the state had not recorded (after a crash?) are evaluated now');
  if (reconciled.rebuilt) {
    log.error({ devices: reconciled.recovered.length }, 'state file rebuilt from the store: pinned host keys and open drift were lost');
    systemAlerts.push(stateRebuiltAlert(app.cfg.state, reconciled.recovered.length, app.clock()));
  }
  // One read of the device rows serves the pulls (facts age), drift (last commits) and failure alerts.
  const statusBefore = new Map(state.deviceStatus().map((r) => [r.name, r]));
  const hostKeyEvents: HostKeyEvent[] = [];
  const claims = opts.claims ?? new Map<string, SyslogClaim>();
  const authorization = authorizationContext(app.cfg, expectationsRepo(state), app.clock());
  const probe = complianceFor(app, (name) => {
    const row = statusBefore.get(name);
    return row?.facts_updated_at ? (row.facts as Facts) : undefined;
  });
  const ctx: CycleContext = {
    ...app,
    devices,
    signal: opts.signal,
    statusBefore,
    hostKeyEvents,
    systemAlerts,
    onResult: opts.onResult,
    claims,
    authorization,
    inTransaction: [],
    compliance: probe && { findings: probe.findings, rules: probe.rules },
  };
  const results = await pullAndArchive(app.cfg, devices, {
    archive: app.archive,
    state,
    now: app.clock,
    log,
    signal: opts.signal,
    onResult: opts.onResult,
    statusBefore,
    urgent: opts.urgent,
    inspect: probe && ((d, text, facts, handshake) => {
      try {
        probe.inspect(d, text, facts, handshake);
      } catch (err) {
        log.error({ device: d.name, err: (err as Error).message, stack: (err as Error).stack }, 'bug: compliance evaluation failed');
      }
    }),
    trailersFor: (d) => ({ ...claimTrailers(claims.get(d.name)), ...ticketTrailer(changeTicketsForCommit(d, authorization, app.clock())) }),
    onHostKeyMismatch: (e) => {
      hostKeyEvents.push(e);
      log.error({ device: e.device, pinned: e.expected, presented: e.presented }, 'host key changed: pull refused');
    },
  });
  const records: DeviceRecord[] = results.map((pull) => ({ device: pull.device, pull, before: statusBefore.get(pull.device.name), alerts: [] }));
  // Decisions of concurrent cycles (a syslog pull beside a scheduled one) and approvals never interleave.
  const live = records.filter((r) => r.pull.result !== 'superseded');
  const liveNames = () => live.map((r) => r.device.name);
  traceStage('steps-wait', liveNames);
  await withStateMutex(app.cfg.state, async () => {
    traceStage('steps-start', liveNames);
    for (const step of opts.steps ?? CYCLE_STEPS) {
      await step.run(live, ctx);
      traceStage(`step:${step.name}`, liveNames);
    }
    traceStage('steps-done', liveNames);
  });

  const names = new Set(devices.map((d) => d.name));
  const openDrift = state.listOpenDrift().filter((d) => names.has(d.device)).map((d) => d.device);
  return { results, records: live, alerts: [...live.flatMap((r) => r.alerts), ...systemAlerts], openDrift, reconcile: reconciled };
}

/**
 * What syslog claimed, as commit trailers labelled as a claim. It names who made the change that
 * triggered this pull; the device's own last-change stamp, when it differs, stays as Device-Changed-By.
 */
function claimTrailers(claim: SyslogClaim | undefined): Record<string, string> | undefined {
  if (!claim) return undefined;
  const t: Record<string, string> = {};
  if (claim.user) t['Changed-By'] = claim.user;
  if (claim.source) t['Change-Source'] = claim.source;
  if (claim.line) t['Change-Via'] = claim.line;
  if (!Object.keys(t).length) return undefined;
  t['Change-Claimed-By'] = `syslog (unverified: ${Object.keys(t).join(', ')})`;
  return t;
}

/** `Change-Ticket:` for the expected changes active at pull time (several joined: one trailer key per commit). */
function ticketTrailer(tickets: readonly string[]): Record<string, string> {
  return tickets.length ? { 'Change-Ticket': tickets.join(', ') } : {};
}

/** Packs are loaded once per config (a reload brings a new config object). */
const contexts = new WeakMap<Config, ComplianceContext | null>();

function complianceFor(app: AppContext, storedFacts: (device: string) => Facts | undefined) {
  let ctx = contexts.get(app.cfg);
  if (ctx === undefined) {
    try {
      ctx = loadComplianceContext(app.cfg);
    } catch (err) {
      app.log.error({ err: (err as Error).message }, 'compliance packs could not be loaded: no compliance verdicts this cycle');
      ctx = null;
    }
    contexts.set(app.cfg, ctx);
  }
  return ctx ? { ...complianceProbe(ctx, complianceRepo(app.state), app.clock, storedFacts), rules: ctx.byId } : undefined;
}
