/** A device's stored config at a revision, and its history of commits. */
import { snapshotPath } from '../../collect/snapshot-path.js';
import type { LogEntry } from '../../store/archive.js';
import { UseCaseError, type AppContext } from '../context.js';
import { findDevice } from './find-device.js';

export async function showConfig(app: Pick<AppContext, 'cfg' | 'archive'>, input: { device: string; rev?: string }): Promise<string> {
  const device = findDevice(app.cfg, input.device);
  let text: string | null;
  try {
    text = await app.archive.read(snapshotPath(device), input.rev ?? 'HEAD');
  } catch (err) {
    throw new UseCaseError('invalid', (err as Error).message);
  }
  if (text === null) throw new UseCaseError('not-found', `${device.name}: no stored config${input.rev ? ` at ${input.rev}` : ''} yet (run driftwatch pull ${device.name})`);
  return text;
}

export async function deviceHistory(app: Pick<AppContext, 'cfg' | 'archive'>, input: { device: string; limit?: number }): Promise<LogEntry[]> {
  const device = findDevice(app.cfg, input.device);
  return app.archive.log(snapshotPath(device), input.limit ?? 50);
}
