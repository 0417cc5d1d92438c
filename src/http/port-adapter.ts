/**
 * ReviewPort over today's code: the config (re-read on SIGHUP, hence a getter), a StateDb
 * connection of the HTTP server's own, the Archive, and the same functions the CLI uses
 * (approveDevice, compareDevice). Git reads pass through a Gate so the page cannot flood git.
 */
import { approveDevice } from '../app/use-cases/approve.js';
import { cancelExpectation, createExpectation, ExpectationInputError, listExpectations, type ExpectationRequest } from '../authorize/expectations.js';
import { expectationsRepo } from '../state/expectations-repo.js';
import { UseCaseError } from '../app/context.js';
import { createLogger } from '../core/log.js';
import { snapshotPath } from '../collect/snapshot-path.js';
import type { Config, Device } from '../config/schema.js';
import { AuditRepo } from '../state/audit-repo.js';
import type { Archive } from '../store/archive.js';
import type { DriftRow, StateDb } from '../store/state.js';
import { compareDevice } from '../app/cycle/steps/evaluate-drift.js';
import { Gate } from './bounded.js';
import { BadRequestError, NotFoundError, type Actor, type DeviceDetail, type DeviceSummary, type DriftItem, type ReviewPort, type Revision } from './ports.js';
import { fleetRows, lastPullAt, recentPullEvents } from './read-queries.js';

const REV = /^(?:[0-9a-f]{7,64}|HEAD|baseline)$/;

export interface AdapterDeps {
  config(): Config;
  state: StateDb;
  archive: Archive;
  now(): Date;
  /** End of the last cycle, when the daemon knows it (metrics); else the newest pull time is used. */
  lastCycleAt?(): Date | undefined;
  gate?: Gate;
}

const driftItem = (d: DriftRow): DriftItem => ({
  id: d.id, device: d.device, status: d.status, severity: d.severity, firstSeen: d.firstSeen, lastSeen: d.lastSeen,
  baselineCommit: d.baselineCommit, currentCommit: d.currentCommit, added: d.added, removed: d.removed,
});

/** Trailers that say who changed the device config (the device's own attribution). */
export function attributionOf(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/^(Changed-[A-Za-z-]+): (.*)$/gm)) out[m[1]!] = m[2]!.slice(0, 200);
  return out;
}

export function createReviewPort(deps: AdapterDeps): ReviewPort {
  const gate = deps.gate ?? new Gate();
  const audit = new AuditRepo(deps.state.db);
  const device = (name: string): Device => {
    const d = deps.config().devices.find((x) => x.name === name);
    if (!d) throw new NotFoundError(`no device ${JSON.stringify(name)} in the inventory`);
    return d;
  };
  const resolveRev = async (d: Device, rev: string): Promise<string> => {
    if (!REV.test(rev)) throw new BadRequestError(`revision must be a commit id, HEAD or baseline (got ${JSON.stringify(rev.slice(0, 80))})`);
    if (rev === 'baseline') {
      const b = deps.state.getBaseline(d.name);
      if (!b) throw new NotFoundError(`${d.name} has no baseline yet`);
      return b.commit;
    }
    try {
      return await gate.run(() => deps.archive.resolveCommit(rev));
    } catch (err) {
      if (err instanceof Error && /not a commit/.test(err.message)) throw new NotFoundError(`no revision ${rev} in the store`);
      throw err;
    }
  };

  // The fleet list is rebuilt only when the state file changed (PRAGMA data_version moves when
  // another connection, i.e. the cycle, commits), the config was reloaded, or we wrote ourselves.
  let cache: { version: number; cfg: Config; list: DeviceSummary[] } | undefined;
  const dataVersion = () => (deps.state.db.pragma('data_version', { simple: true }) as number);
  const summaries = (): DeviceSummary[] => {
    const version = dataVersion();
    const cfg = deps.config();
    if (cache && cache.version === version && cache.cfg === cfg) return cache.list;
    const list = buildSummaries();
    cache = { version, cfg, list };
    return list;
  };
  const buildSummaries = (): DeviceSummary[] => {
    const rows = fleetRows(deps.state.db);
    const drift = new Map(deps.state.listOpenDrift().map((d) => [d.device, driftItem(d)]));
    return deps.config().devices.map((d) => {
      const r = rows.get(d.name);
      const open = drift.get(d.name) ?? null;
      const state = r?.last_result === 'failed' ? 'failing' : open ? 'drifted' : r?.last_pull_at ? 'ok' : 'never';
      return {
        name: d.name, platform: d.platform, group: d.group ?? null, tags: d.tags, host: d.host, state,
        lastPullAt: r?.last_pull_at ?? null, lastResult: r?.last_result ?? null, lastErrorKind: r?.last_error_kind ?? null,
        lastError: r?.last_error ?? null, consecutiveFailures: r?.consecutive_failures ?? 0, lastCommit: r?.last_commit ?? null,
        facts: r?.facts ?? {}, openDrift: open, compliance: null,
      };
    });
  };

  return {
    listDevices: summaries,
    getDevice(name): DeviceDetail {
      const d = device(name);
      const summary = summaries().find((s) => s.name === d.name)!;
      const b = deps.state.getBaseline(d.name);
      return {
        ...summary,
        hostKey: deps.state.getHostKey(d.name) ?? null,
        baseline: b ? { commit: b.commit, approvedAt: b.approvedAt, approvedBy: b.approvedBy, message: b.message } : null,
        pulls: deps.state.recentPulls(d.name, 20).map(({ id: _id, device: _d, ...p }) => p),
      };
    },
    async history(name, limit): Promise<Revision[]> {
      const d = device(name);
      const entries = await gate.run(() => deps.archive.log(snapshotPath(d), Math.min(Math.max(1, limit), 500)));
      return entries.map((e) => ({ commit: e.commit, date: e.date, subject: e.subject, attribution: attributionOf(e.body) }));
    },
    async configAt(name, rev) {
      const d = device(name);
      const commit = await resolveRev(d, rev);
      const [text] = await gate.run(() => deps.archive.readMany([{ path: snapshotPath(d), rev: commit }]));
      if (text == null) throw new NotFoundError(`${d.name} has no stored config at ${commit.slice(0, 12)}`);
      return { commit, text };
    },
    async diff(name, from, to) {
      const d = device(name);
      const [a, b] = [await resolveRev(d, from), await resolveRev(d, to)];
      const path = snapshotPath(d);
      const [before, after] = await gate.run(() => deps.archive.readMany([{ path, rev: a }, { path, rev: b }]));
      const r = compareDevice(deps.config(), d, path, before ?? '', after ?? '');
      return { device: d.name, from: a, to: b, drifted: r.drifted, severity: r.severity, added: r.added, removed: r.removed, sections: r.sections, diff: r.diff };
    },
    openDrift: () => deps.state.listOpenDrift().map(driftItem),
    async approve(name, message, actor: Actor) {
      const d = device(name);
      try {
        cache = undefined; // our own write does not move data_version
        // The same use case as `driftwatch approve` (baseline ref, state, tag, audit, notice).
        const app = { cfg: deps.config(), archive: deps.archive, state: deps.state, clock: deps.now, log: createLogger('warn') };
        const r = await gate.run(() => approveDevice(app, { device: d.name, by: actor.name, message, address: actor.address }));
        cache = undefined;
        return { device: r.device, commit: r.commit, closed: r.closedDrift };
      } catch (err) {
        if (err instanceof UseCaseError && err.kind === 'not-found') throw new NotFoundError(err.message);
        throw err;
      }
    },
    events: (limit, offset) => recentPullEvents(deps.state.db, limit, offset),
    audit: (limit, beforeId) => audit.list(limit, beforeId),
    recordAudit: (e) => void audit.record(e, deps.now()),
    // The same module as `driftwatch expect` (src/authorize/expectations.ts).
    listExpectations() {
      return listExpectations(expectationsRepo(deps.state), deps.now());
    },
    createExpectation(input, actor) {
      const body = (input ?? {}) as Record<string, unknown>;
      try {
        const e = createExpectation(expectationsRepo(deps.state), deps.config().devices, { ...(body as unknown as ExpectationRequest), by: actor.name }, deps.now());
        audit.record({ actor: actor.name, action: 'expect', target: e.ticket, detail: `until ${e.until.toISOString()}`, address: actor.address }, deps.now());
        return e;
      } catch (err) {
        if (err instanceof ExpectationInputError) throw new BadRequestError(err.problems.join('; '));
        throw err;
      }
    },
    cancelExpectation(id, actor) {
      try {
        const e = cancelExpectation(expectationsRepo(deps.state), id, deps.now(), actor.name);
        audit.record({ actor: actor.name, action: 'expect-cancel', target: e.ticket, detail: `expectation ${e.id}`, address: actor.address }, deps.now());
        return e;
      } catch (err) {
        if (err instanceof ExpectationInputError) throw new NotFoundError(err.problems.join('; '));
        throw err;
      }
    },
    async health() {
      let state = false;
      let store = false;
      try {
        deps.state.db.prepare('SELECT 1').get();
        state = true;
      } catch {}
      const fromPulls = state ? lastPullAt(deps.state.db) : null;
      try {
        await gate.run(() => deps.archive.head());
        store = true;
      } catch {
        store = fromPulls === null; // a new, empty store is usable; one that lost its HEAD after pulls is not
      }
      const lastCycleAt = deps.lastCycleAt?.() ?? (fromPulls ? new Date(fromPulls) : null);
      return { state, store, lastCycleAt };
    },
  };
}
