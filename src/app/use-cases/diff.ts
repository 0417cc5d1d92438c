/** Baseline (or any revision) vs current (or any revision) of one device, labelled by section. */
import { snapshotPath } from '../../collect/snapshot-path.js';
import type { DriftResult } from '../../drift/compare.js';
import { UseCaseError, type AppContext } from '../context.js';
import { compareDevice } from '../cycle/steps/evaluate-drift.js';
import { findDevice } from './find-device.js';

export interface DiffInput {
  device: string;
  /** Default: the baseline. */
  from?: string;
  /** Default: HEAD. */
  to?: string;
}

export interface DiffResult {
  device: string;
  from: string;
  to: string;
  result: DriftResult;
}

export async function diffDevice(app: Pick<AppContext, 'cfg' | 'archive' | 'state'>, input: DiffInput): Promise<DiffResult> {
  const device = findDevice(app.cfg, input.device);
  const fromRev = input.from ?? app.state.getBaseline(device.name)?.commit;
  if (!fromRev) throw new UseCaseError('not-found', `${device.name}: no baseline yet (run driftwatch pull ${device.name} first)`);
  const from = await resolve(app, fromRev);
  const to = await resolve(app, input.to ?? 'HEAD');
  const path = snapshotPath(device);
  const [before, after] = await app.archive.readMany([{ path, rev: from }, { path, rev: to }]);
  return { device: device.name, from, to, result: compareDevice(app.cfg, device, path, before ?? '', after ?? '') };
}

async function resolve(app: Pick<AppContext, 'archive'>, rev: string): Promise<string> {
  try {
    return await app.archive.resolveCommit(rev);
  } catch (err) {
    throw new UseCaseError('invalid', (err as Error).message);
  }
}
