/**
 * Moving a device's baseline: the git ref `refs/baselines/<device>` is the one source of truth
 * (people diff against it); the state row is its cache, written second and reconciled from the
 * ref on open (reconcile.ts), so a crash between the two cannot leave them disagreeing for long.
 */
import type { Archive } from '../store/archive.js';
import type { StateDb } from '../store/state.js';

export const baselineRef = (device: string) => `refs/baselines/${device}`;
export const BASELINE_PREFIX = 'refs/baselines/';

export interface BaselineMove {
  device: string;
  commit: string;
  by: string | null;
  message: string | null;
}

export async function moveBaselines(archive: Archive, state: StateDb, moves: readonly BaselineMove[], now: Date, reason: string): Promise<void> {
  if (!moves.length) return;
  await archive.setRefs(moves.map((m) => ({ name: baselineRef(m.device), commit: m.commit })), reason);
  state.setBaselines(moves.map((m) => ({ device: m.device, commit: m.commit, approvedAt: now, approvedBy: m.by, message: m.message })));
}

/** `approved/<device>/<UTC stamp>`: the annotated tag of an approval. */
export function approvalTagName(device: string, now: Date): string {
  return `approved/${device}/${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
}
