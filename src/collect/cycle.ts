/**
 * One collection cycle: pull every device with bounded concurrency, commit changed snapshots in
 * batches (so configs are not all held in memory), record every pull in state in one transaction.
 */
import type { Config, Device } from '../config/schema.js';
import type { ErrorKind } from '../core/errors.js';
import type { Archive, CommitResult, SnapshotToCommit } from '../store/archive.js';
import type { DeviceStatusRow, StateDb } from '../store/state.js';
import { pinOnFirstUse, type HostKeyEvent } from './host-key-policy.js';
import { runPool } from './pool.js';
import { pullDevice, type PullOutcome } from './pull-device.js';
import { snapshotPath } from './snapshot-path.js';
import { BatchCommitter } from './batch-committer.js';
import type { ChangeAttribution, Facts } from '../drivers/types.js';

export interface DeviceResult {
  device: Device;
  result: 'changed' | 'unchanged' | 'failed';
  durationMs: number;
  startedAt: Date;
  path: string;
  commit?: string;
  added?: number;
  removed?: number;
  errorKind?: ErrorKind;
  error?: string;
  /** Who last changed the config, as the device reports it. */
  changedBy?: ChangeAttribution;
}

export interface CycleDeps {
  archive: Archive;
  state: StateDb;
  now(): Date;
  signal?: AbortSignal;
  /** Called as each device finishes (CLI progress, logs). */
  onResult?(r: DeviceResult): void;
  onHostKeyMismatch?(e: HostKeyEvent): void;
  /** The state's device rows read before the cycle, when the caller already has them. */
  statusBefore?: ReadonlyMap<string, DeviceStatusRow>;
}

export async function runCycle(cfg: Config, devices: readonly Device[], deps: CycleDeps): Promise<DeviceResult[]> {
  const { archive, state } = deps;
  state.upsertDevices(devices.map((d) => ({ name: d.name, platform: d.platform, group: d.group, host: d.host, port: d.port, path: snapshotPath(d) })));
  const committer = new BatchCommitter(archive);
  const statusBefore = deps.statusBefore ?? new Map(state.deviceStatus().map((r) => [r.name, r]));
  const staleBefore = deps.now().getTime() - cfg.facts_refresh_hours * 3_600_000;
  const pullDeps = {
    now: deps.now,
    signal: deps.signal,
    wantFacts: (d: Device) => {
      const at = statusBefore.get(d.name)?.facts_updated_at;
      return !at || Date.parse(at) <= staleBefore;
    },
    hostKeyCheck: (d: Device) => pinOnFirstUse(state, d.name, deps.now, deps.onHostKeyMismatch),
    // Jump hosts are pinned under their own key, apart from any device of the same name.
    jumpHostKeyCheck: (name: string) => pinOnFirstUse(state, `jump:${name}`, deps.now, deps.onHostKeyMismatch),
  };

  // A lane is free again as soon as its SSH session ends: committing waits in the batch, not in the pool.
  const pending: Array<Promise<{ result: DeviceResult; facts?: Facts }>> = [];
  await runPool(devices, cfg.concurrency, async (device) => {
    const outcome = await pullDevice(device, cfg, pullDeps);
    pending.push(
      toResult(outcome, committer).then((result) => {
        deps.onResult?.(result);
        return { result, facts: outcome.ok ? outcome.facts : undefined };
      }),
    );
  });
  await committer.flush();
  const results = await Promise.all(pending);
  // Keep the inventory's order for reports.
  const order = new Map(devices.map((d, i) => [d.name, i]));
  results.sort((a, b) => order.get(a.result.device.name)! - order.get(b.result.device.name)!);

  state.recordPulls(
    results.map(({ result: r, facts }) => ({
      device: r.device.name,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      result: r.result,
      errorKind: r.errorKind,
      error: r.error,
      commit: r.commit,
      facts,
    })),
  );
  return results.map((r) => r.result);
}

/** Commit trailers naming who changed the config (the store sanitises the values). */
function attributionTrailers(a: ChangeAttribution | undefined): Record<string, string> | undefined {
  if (!a?.user && !a?.at) return undefined;
  return { ...(a.user ? { 'Changed-By': a.user } : {}), ...(a.at ? { 'Changed-At': a.at } : {}), ...(a.source ? { 'Changed-From': a.source } : {}) };
}

async function toResult(outcome: PullOutcome, committer: BatchCommitter): Promise<DeviceResult> {
  const base = { device: outcome.device, durationMs: outcome.durationMs, startedAt: outcome.startedAt, path: snapshotPath(outcome.device) };
  if (!outcome.ok) return { ...base, result: 'failed', errorKind: outcome.error.kind, error: outcome.error.message };
  const snap: SnapshotToCommit = { device: outcome.device.name, platform: outcome.device.platform, path: base.path, text: outcome.config, trailers: attributionTrailers(outcome.changedBy) };
  let committed: CommitResult;
  try {
    committed = await committer.add(snap);
  } catch (err) {
    return { ...base, result: 'failed', errorKind: 'protocol', error: `store: ${(err as Error).message}` };
  }
  return committed.commit
    ? { ...base, result: 'changed', commit: committed.commit, added: committed.added, removed: committed.removed, changedBy: outcome.changedBy }
    : { ...base, result: 'unchanged' };
}
