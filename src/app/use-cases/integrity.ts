/**
 * The image integrity check behind `driftwatch integrity` and the daemon's `integrity.schedule`
 * (never a pull's job: a hash over a 1 GB image keeps a device's CPU busy for a minute). For each
 * device whose platform has a hash command and whose image fact is known: one SSH session with
 * the pull's options and host-key decision, the hash command, the comparison with the known-good
 * table. The verdict is saved per device; an alert is queued (same transaction) only when the
 * verdict changed and is not a match. Writes no git. Device failures are outcomes, never throws.
 */
import { PackError } from '../../compliance/pack-load.js';
import { dataFilePath, loadKnownGood } from '../../compliance/data-files.js';
import type { IntegrityVerdict, KnownGoodEntry } from '../../compliance/integrity/hash-output.js';
import { hashCommand } from '../../compliance/integrity/hash-output.js';
import { runIntegrityCheck } from '../../compliance/integrity/run-check.js';
import { integrityAlert } from '../../compliance/software/alerts.js';
import { pinOnFirstUse } from '../../collect/host-key-policy.js';
import { runPool } from '../../collect/pool.js';
import { deviceSessionOptions } from '../../collect/session-options.js';
import type { Device } from '../../config/schema.js';
import { asPullError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import { channelsFor } from '../../notify/route.js';
import type { Alert } from '../../notify/types.js';
import { integrityRepo, sameVerdict } from '../../state/integrity-repo.js';
import { UseCaseError, type AppContext } from '../context.js';

/** Hash commands are slow on the device: fewer at once than pulls. */
export const INTEGRITY_CONCURRENCY = 8;
/** NX-OS and Junos print nothing until the hash is done. */
const IDLE_MS = 5 * 60_000;
const DEADLINE_MS = 15 * 60_000;

export type IntegrityOutcome = { device: string; platform: string } & (
  | (IntegrityVerdict & { alerted: boolean })
  | { status: 'skipped'; reason: string }
  | { status: 'error'; image: string; error: string }
);

export interface IntegrityReport {
  outcomes: IntegrityOutcome[];
  alerts: Alert[];
}

export interface IntegrityOptions {
  signal?: AbortSignal;
  onResult?(o: IntegrityOutcome): void;
}

/** The known-good table of the config; a UseCaseError ('invalid') naming file:line when it does not parse. */
export function knownGoodTable(cfg: AppContext['cfg']): KnownGoodEntry[] {
  if (!cfg.integrity) throw new UseCaseError('invalid', `integrity is not configured in ${cfg.file} (integrity: { schedule, known_good })`);
  const file = dataFilePath(cfg, cfg.integrity.known_good);
  try {
    return loadKnownGood(file);
  } catch (err) {
    if (err instanceof PackError) throw new UseCaseError('invalid', err.message);
    throw new UseCaseError('invalid', `${file}: integrity.known_good: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export async function runIntegrity(app: AppContext, devices: readonly Device[], opts: IntegrityOptions = {}): Promise<IntegrityReport> {
  const { cfg, state, log } = app;
  const table = knownGoodTable(cfg);
  const facts = new Map(state.deviceStatus().map((r) => [r.name, r.facts]));
  const repo = integrityRepo(state.db);
  const outcomes: IntegrityOutcome[] = [];
  const alerts: Alert[] = [];
  const done = (o: IntegrityOutcome) => {
    outcomes.push(o);
    opts.onResult?.(o);
  };

  const due: Array<{ device: Device; image: string }> = [];
  for (const device of devices) {
    const image = facts.get(device.name)?.image;
    const base = { device: device.name, platform: device.platform };
    if (typeof image !== 'string' || !image) done({ ...base, status: 'skipped', reason: 'image not known yet (no pull with facts)' });
    else if (!hashCommand(device.platform, image)) done({ ...base, status: 'skipped', reason: `no hash command for ${device.platform} (or an image name it cannot take)` });
    else due.push({ device, image });
  }

  const checks = {
    hostKeyCheck: (d: Device) => pinOnFirstUse(state, d.name, app.clock, (e) => log.error({ device: e.device, pinned: e.expected, presented: e.presented }, 'host key changed: integrity check refused')),
    jumpHostKeyCheck: (name: string) => pinOnFirstUse(state, `jump:${name}`, app.clock),
  };
  await runPool(due, Math.min(cfg.concurrency, INTEGRITY_CONCURRENCY), async ({ device, image }) => {
    const base = { device: device.name, platform: device.platform };
    const deadline = AbortSignal.timeout(DEADLINE_MS);
    const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
    const timeouts = { connectMs: cfg.timeouts.connect * 1000, authMs: cfg.timeouts.auth * 1000, idleMs: Math.max(cfg.timeouts.command * 1000, IDLE_MS) };
    let verdict: IntegrityVerdict;
    try {
      verdict = await runIntegrityCheck(deviceSessionOptions(device, cfg, checks, signal, timeouts), device.platform, image, table);
    } catch (err) {
      const error = asPullError(err);
      if (error.kind === 'internal') log.error({ device: device.name, stack: error.stack }, `bug: ${error.message}`);
      if (!opts.signal?.aborted) state.transaction(() => repo.saveError(device.name, `${error.kind}: ${error.message}`, app.clock()));
      return done({ ...base, status: 'error', image, error: `${error.kind}: ${error.message}` });
    }
    const now = app.clock();
    const alert = sameVerdict(repo.get(device.name)?.verdict, verdict) ? undefined : integrityAlert(device, verdict, now);
    state.transaction(() => {
      repo.saveVerdict(device.name, verdict, now);
      if (alert) state.enqueueAlerts(channelsFor(alert, cfg.alerts).map(({ id }) => ({ channel: id, alert })), now);
    });
    if (alert) {
      alerts.push(alert);
      log.warn({ device: device.name, kind: alert.kind, severity: alert.severity }, alert.summary);
    }
    done({ ...base, ...verdict, alerted: !!alert });
  });
  const order = new Map(devices.map((d, i) => [d.name, i]));
  outcomes.sort((a, b) => order.get(a.device)! - order.get(b.device)!);
  return { outcomes, alerts };
}

/** Exit code of `driftwatch integrity`: 3 for a mismatch or unknown image, else 1 when a check could not be made. */
export function integrityExitCode(outcomes: readonly IntegrityOutcome[]): number {
  if (outcomes.some((o) => o.status === 'mismatch' || o.status === 'unknown-image')) return EXIT.drift;
  if (outcomes.some((o) => o.status === 'error' || o.status === 'no-hash')) return EXIT.failure;
  return EXIT.ok;
}
