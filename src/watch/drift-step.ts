/**
 * After the pulls of a cycle: compare each changed device with its baseline, move the drift
 * lifecycle along in state, and return the alerts that raises. The first good snapshot of a
 * device becomes its baseline.
 */
import type { Config, Device } from '../config/schema.js';
import { compareConfigs, type DriftResult } from '../drift/compare.js';
import { decideDrift } from '../drift/evaluate.js';
import { ignoreRules } from '../drift/ignore.js';
import { getDriver } from '../drivers/registry.js';
import type { Alert } from '../notify/types.js';
import type { Archive } from '../store/archive.js';
import type { DeviceStatusRow, StateDb } from '../store/state.js';
import type { DeviceResult } from '../collect/cycle.js';
import { driftAlert, resolvedAlert } from './alerts.js';

export const baselineRef = (device: string) => `refs/baselines/${device}`;

export interface DriftStepDeps {
  archive: Archive;
  state: StateDb;
  now(): Date;
}

/** Make `commit` the device's baseline, in git (a ref people can diff against) and in state. */
export async function setBaseline(deps: DriftStepDeps, device: string, commit: string, by: string | null, message: string | null): Promise<void> {
  await deps.archive.setRef(baselineRef(device), commit);
  deps.state.setBaseline({ device, commit, approvedAt: deps.now(), approvedBy: by, message });
}

/** Compare two versions of a device's stored config with that device's ignore rules and its driver's knowledge. */
export function compareDevice(cfg: Config, device: Device, path: string, baseline: string, current: string): DriftResult {
  const driver = getDriver(device.platform);
  return compareConfigs(baseline, current, { ignore: ignoreRules(cfg, device, driver), knowledge: driver.drift, path });
}

/**
 * `statusBefore`: the state's device rows from before the cycle. Their last commit is still right
 * for unchanged devices (a pull without a commit keeps it); changed ones carry their new commit.
 */
export async function evaluateDrift(
  cfg: Config,
  results: readonly DeviceResult[],
  deps: DriftStepDeps,
  statusBefore: ReadonlyMap<string, Pick<DeviceStatusRow, 'last_commit'>> = new Map(deps.state.deviceStatus().map((r) => [r.name, r])),
): Promise<Alert[]> {
  const { archive, state } = deps;
  const firstBaselines: Array<{ device: string; commit: string }> = [];
  const toCompare: Array<{ r: DeviceResult; current: string; baseline: string }> = [];
  for (const r of results) {
    if (r.result === 'failed') continue;
    const current = r.commit ?? statusBefore.get(r.device.name)?.last_commit ?? undefined;
    if (!current) continue;
    const baseline = state.getBaseline(r.device.name);
    if (!baseline) firstBaselines.push({ device: r.device.name, commit: current });
    // Unchanged text since the last pull: the drift state cannot have moved.
    else if (r.result === 'changed') toCompare.push({ r, current, baseline: baseline.commit });
  }

  // Batched: one update-ref process and one transaction for a whole first import.
  const now = deps.now();
  await archive.setRefs(firstBaselines.map((b) => ({ name: baselineRef(b.device), commit: b.commit })), 'first snapshot');
  state.setBaselines(firstBaselines.map((b) => ({ ...b, approvedAt: now, approvedBy: null, message: 'first snapshot' })));

  const texts = await archive.readMany(toCompare.flatMap(({ r, current, baseline }) => [{ path: r.path, rev: baseline }, { path: r.path, rev: current }]));
  const alerts: Alert[] = [];
  toCompare.forEach(({ r, current, baseline }, i) => {
    const device = r.device;
    const result = compareDevice(cfg, device, r.path, texts[2 * i] ?? '', texts[2 * i + 1] ?? '');
    const open = state.getOpenDrift(device.name);
    const decision = decideDrift({ hasBaseline: true, open: open ? { id: open.id, diffHash: open.diffHash ?? '' } : undefined, result });
    const commits = { baseline, current };
    switch (decision.action) {
      case 'open':
        state.openDrift({ device: device.name, severity: result.severity, baselineCommit: baseline, currentCommit: current, added: result.added, removed: result.removed, diffHash: decision.diffHash }, now);
        alerts.push(driftAlert('drift-new', device, result, commits, now, r.changedBy));
        break;
      case 'update':
        state.updateDrift(decision.driftId, { severity: result.severity, currentCommit: current, added: result.added, removed: result.removed, diffHash: decision.diffHash }, now);
        alerts.push(driftAlert('drift-updated', device, result, commits, now, r.changedBy));
        break;
      case 'still-open':
        state.updateDrift(open!.id, { currentCommit: current }, now);
        break;
      case 'resolve':
        state.resolveDrift(decision.driftId, now);
        alerts.push(resolvedAlert(device, current, now));
        break;
      default:
        break;
    }
  });
  return alerts;
}

export function devicesWithOpenDrift(state: StateDb, devices: readonly Device[]): string[] {
  const names = new Set(devices.map((d) => d.name));
  return state.listOpenDrift().filter((d) => names.has(d.device)).map((d) => d.device);
}
