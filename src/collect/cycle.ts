/**
 * The pull-and-archive stage of a cycle: pull every device with bounded concurrency, commit
 * changed snapshots in batches (so configs are not all held in memory), record every pull in
 * state in one transaction together with the store HEAD it reflects (see app/reconcile.ts).
 */
import type { Config, Device } from '../config/schema.js';
import type { ErrorKind } from '../core/errors.js';
import type { Archive, CommitResult, SnapshotToCommit } from '../store/archive.js';
import type { DeviceStatusRow, StateDb } from '../store/state.js';
import type { ChangeAttribution, Facts } from '../drivers/types.js';
import type { Logger } from '../core/log.js';
import type { Handshake } from '../transport/handshake.js';
import { STORE_HEAD } from '../app/reconcile.js';
import { pinOnFirstUse, type HostKeyEvent } from './host-key-policy.js';
import { runPool } from './pool.js';
import { pullDevice, type PullOutcome } from './pull-device.js';
import { snapshotPath } from './snapshot-path.js';
import { BatchCommitter } from './batch-committer.js';
import { storableText } from './storable-text.js';
import { FINGERPRINT_MIGRATION_MESSAGE, isFingerprintMigration } from '../secrets/migration.js';

export interface DeviceResult {
  device: Device;
  /**
   * `unstored`: the pull worked but the store refused the snapshot (disk full...): not the device's failure.
   * `superseded`: a newer pull of the device finished first (syslog); this older text is dropped.
   */
  result: 'changed' | 'unchanged' | 'failed' | 'unstored' | 'superseded';
  durationMs: number;
  startedAt: Date;
  path: string;
  commit?: string;
  /** Line counts against the previous stored version (as in the commit subject). */
  added?: number;
  removed?: number;
  errorKind?: ErrorKind;
  error?: string;
  /** Who last changed the config, as the device reports it. */
  changedBy?: ChangeAttribution;
  /** Facts of this pull (undefined when the facts commands were skipped). */
  facts?: Facts;
  /** Negotiated SSH algorithms and the host key's type and size (compliance evidence). */
  handshake?: Handshake;
}

export interface CycleDeps {
  archive: Archive;
  state: StateDb;
  now(): Date;
  signal?: AbortSignal;
  /** Called as each device finishes (CLI progress, logs). */
  onResult?(r: DeviceResult): void;
  onHostKeyMismatch?(e: HostKeyEvent): void;
  /** The state's device rows read before the cycle. */
  statusBefore: ReadonlyMap<string, DeviceStatusRow>;
  log?: Pick<Logger, 'warn' | 'error'>;
  /** Sees each snapshot as it will be stored, before the text leaves memory (compliance). Must not throw. */
  inspect?(device: Device, text: string, facts: Facts | undefined, handshake: Handshake | undefined): void;
  /** Extra commit trailers per device (e.g. `Change-Ticket:` of an active expectation). */
  trailersFor?(device: Device): Record<string, string> | undefined;
  /** A syslog-announced pull: its snapshots go to the store at once, ahead of queued batches. */
  urgent?: boolean;
}

export async function pullAndArchive(cfg: Config, devices: readonly Device[], deps: CycleDeps): Promise<DeviceResult[]> {
  const { archive, state, statusBefore } = deps;
  state.upsertDevices(devices.map((d) => ({ name: d.name, platform: d.platform, group: d.group, host: d.host, port: d.port, path: snapshotPath(d) })));
  const committer = new BatchCommitter(archive, { urgent: deps.urgent });
  const staleBefore = deps.now().getTime() - cfg.facts_refresh_hours * 3_600_000;
  const pullDeps = {
    now: deps.now,
    signal: deps.signal,
    log: deps.log,
    wantFacts: (d: Device) => {
      const at = statusBefore.get(d.name)?.facts_updated_at;
      return !at || Date.parse(at) <= staleBefore;
    },
    hostKeyCheck: (d: Device) => pinOnFirstUse(state, d.name, deps.now, deps.onHostKeyMismatch),
    // Jump hosts are pinned under their own key, apart from any device of the same name.
    jumpHostKeyCheck: (name: string) => pinOnFirstUse(state, `jump:${name}`, deps.now, deps.onHostKeyMismatch),
    // Attribution commands run only for configs that differ from the stored snapshot.
    isUnchanged: (d: Device, text: string) => archive.isStored(snapshotPath(d), text),
  };
  await archive.preloadTree();

  // A lane is free again as soon as its SSH session ends: committing waits in the batch, not in the pool.
  const pending: Array<Promise<DeviceResult>> = [];
  const overtaken = new Map<string, () => boolean>();
  await runPool(devices, cfg.concurrency, async (device) => {
    const generation = ++pullCounter;
    const outcome = await pullDevice(device, cfg, pullDeps);
    const key = `${archive.dir}\0${device.name}`;
    const superseded = supersededBy(key, generation);
    overtaken.set(device.name, () => (newestCommitted.get(key)?.generation ?? 0) > generation);
    pending.push(
      toResult(outcome, committer, deps.trailersFor?.(device), superseded, deps.inspect).then((result) => {
        const last = newestCommitted.get(key);
        if (result.commit && generation > (last?.generation ?? 0)) newestCommitted.set(key, { generation, commit: result.commit });
        // A syslog pull finding the text an older pull (the scheduled cycle) committed a moment ago:
        // that commit is this pull's too, so its drift is decided now, not when that cycle ends.
        else if (deps.urgent && result.result === 'unchanged' && last && last.generation < generation) result = { ...result, commit: last.commit };
        deps.onResult?.(result);
        return result;
      }),
    );
  }, { priority: deps.urgent ? 'urgent' : 'normal' });
  await committer.flush();
  let results = await Promise.all(pending);
  // Keep the inventory's order for reports.
  const order = new Map(devices.map((d, i) => [d.name, i]));
  results.sort((a, b) => order.get(a.device.name)! - order.get(b.device.name)!);

  // Not simply HEAD: a cycle running beside this one may have commits it has not recorded yet.
  const head = await archive.headToRecord(committer);
  // A newer pull (syslog) committed after this one: the state and decisions are that pull's (its
  // commit must not be replaced in state by this older one). A newer pull that found this one's
  // text unchanged leaves it in place: this cycle records the commit.
  results = results.map((r) => (r.result !== 'superseded' && r.result !== 'unstored' && overtaken.get(r.device.name)?.() ? { ...r, result: 'superseded' } : r));
  state.transaction(() => {
    state.recordPulls(
      results
        // Not the device's doing: the store refused the snapshot, or a shutdown cut the pull short.
        .filter((r) => r.result !== 'unstored' && r.result !== 'superseded' && !(r.result === 'failed' && deps.signal?.aborted))
        .map((r) => ({ device: r.device.name, startedAt: r.startedAt, durationMs: r.durationMs, result: r.result as 'changed' | 'unchanged' | 'failed', errorKind: r.errorKind, error: r.error, commit: r.commit, facts: r.facts })),
    );
    state.setMeta(STORE_HEAD, head);
  });
  return results;
}

/** Commit trailers naming who changed the config (the store sanitises the values). */
function attributionTrailers(a: ChangeAttribution | undefined): Record<string, string> {
  if (!a?.user && !a?.at) return {};
  return {
    ...(a.user ? { 'Changed-By': a.user } : {}),
    ...(a.at ? { 'Changed-At': a.at } : {}),
    ...(a.source ? { 'Change-Source': a.source } : {}),
    ...(a.via ? { 'Change-Via': a.via } : {}),
    ...(a.commands?.length ? { 'Change-Commands': a.commands.join(' ; ') } : {}),
  };
}

/**
 * Per store and device, the newest pull of this process whose text was taken (pulled, then
 * written). An older pull finishing or written later must not store its older text; a newer pull
 * merely started does not drop an older one (a syslog pull overtaken by the scheduled cycle's
 * reaching the device still stores and alerts at once).
 */
const newestTaken = new Map<string, number>();
/** Per store and device, the newest pull of this process that committed. */
const newestCommitted = new Map<string, { generation: number; commit: string }>();
let pullCounter = 0;
/** Asked when the pull ends and again when its batch is written: true once a newer pull was taken; else takes this one (unless `peek`). */
function supersededBy(key: string, generation: number): (peek?: 'peek') => boolean {
  return (peek) => {
    if ((newestTaken.get(key) ?? 0) > generation) return true;
    if (!peek) newestTaken.set(key, generation);
    return false;
  };
}

async function toResult(
  outcome: PullOutcome,
  committer: BatchCommitter,
  extraTrailers: Record<string, string> | undefined,
  superseded: (peek?: 'peek') => boolean,
  inspect: CycleDeps['inspect'],
): Promise<DeviceResult> {
  const base = { device: outcome.device, durationMs: outcome.durationMs, startedAt: outcome.startedAt, path: snapshotPath(outcome.device) };
  // A failed pull takes nothing: it never drops an older pull's text.
  if (superseded(outcome.ok ? undefined : 'peek')) return { ...base, result: 'superseded' };
  if (!outcome.ok) return { ...base, result: 'failed', errorKind: outcome.error.kind, error: outcome.error.message };
  const own = attributionTrailers(outcome.changedBy);
  const trailers = { ...own, ...extraTrailers };
  if (extraTrailers?.['Changed-By'] && own['Changed-By'] && own['Changed-By'] !== extraTrailers['Changed-By']) trailers['Device-Changed-By'] = own['Changed-By'];
  const text = storableText(outcome.config);
  const snap: SnapshotToCommit = {
    device: outcome.device.name,
    platform: outcome.device.platform,
    path: base.path,
    text,
    trailers,
    // The device's own record names the author; a syslog claim (forgeable) only goes into trailers.
    author: outcome.changedBy?.user,
    // A store written with `<masked>` switching to fingerprints: one commit that says so (and no drift, see drift/compare).
    subjectFor: (previous) => (previous !== null && isFingerprintMigration(previous, text) ? FINGERPRINT_MIGRATION_MESSAGE(outcome.device.name) : undefined),
    // Asked again when the batch is written: a newer (urgent) pull may have been written first.
    superseded: () => superseded(),
  };
  inspect?.(outcome.device, snap.text, outcome.facts, outcome.handshake);
  let committed: CommitResult;
  try {
    committed = await committer.add(snap);
  } catch (err) {
    return { ...base, result: 'unstored', error: `store: ${(err as Error).message}` };
  }
  if (committed.superseded) return { ...base, result: 'superseded' };
  const { facts, handshake } = outcome;
  return committed.commit
    ? { ...base, result: 'changed', commit: committed.commit, added: committed.added, removed: committed.removed, changedBy: outcome.changedBy, facts, handshake }
    : { ...base, result: 'unchanged', changedBy: outcome.changedBy, facts, handshake };
}
