/**
 * State is a cache of the store, reconciled at the start of every cycle:
 * - commits the state never recorded (a crash between the git commit and the state write) are
 *   found from the store HEAD the state last saw, so their drift is still evaluated and alerted;
 * - baselines are read from `refs/baselines/*` (the source of truth); a ref that vanished is
 *   restored from the cache rather than letting the next snapshot silently become the baseline;
 * - a lost state file is rebuilt from the store (last commits, baselines), loudly: host keys and
 *   open drift cannot be recovered;
 * - a store that lacks what the state names (replaced, rewound, another store) stops the cycle
 *   with StoreStateMismatchError instead of raising an alert for every device.
 */
import type { Archive } from '../store/archive.js';
import type { StateDb } from '../store/state.js';
import { BASELINE_PREFIX, baselineRef } from './baseline.js';

export class StoreStateMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreStateMismatchError';
  }
}

export interface ReconcileReport {
  /** Devices whose latest commit the state had missed. */
  recovered: string[];
  /** Baselines updated from refs. */
  baselinesFromRefs: number;
  /** Refs re-created from the state's cache. */
  refsRestored: number;
  /** The state knew nothing of a store holding devices: rebuilt from it. */
  rebuilt: boolean;
}

export const STORE_HEAD = 'store_head';

export async function reconcile(archive: Archive, state: StateDb, now: Date): Promise<ReconcileReport> {
  const head = await archive.head();
  const seen = state.getMeta(STORE_HEAD);
  const report: ReconcileReport = { recovered: [], baselinesFromRefs: 0, refsRestored: 0, rebuilt: false };
  const missed = new Map<string, string>();
  if (seen && seen !== head) {
    if (!(await archive.isAncestor(seen, head))) {
      throw new StoreStateMismatchError(
        `the store at ${archive.dir} does not contain commit ${seen.slice(0, 12)} that the state file last recorded: ` +
          'the store was replaced, rewound or is another store. Restore the store from a backup, or move the state file away to rebuild it from this store.',
      );
    }
    for (const [device, commit] of await archive.latestCommitPerDevice(seen)) missed.set(device, commit);
  } else if (!seen) {
    const known = new Set(state.deviceStatus().filter((r) => r.last_commit).map((r) => r.name));
    const all = await archive.latestCommitPerDevice(null);
    report.rebuilt = all.size > 0 && known.size === 0;
    // A state file from before store_head existed keeps what it knows; only gaps are filled.
    for (const [device, commit] of all) if (!known.has(device)) missed.set(device, commit);
  }
  if (missed.size) state.setLastCommits(missed);
  report.recovered = [...missed.keys()].sort();

  const refs = await archive.listRefs(BASELINE_PREFIX);
  const cached = new Map(state.listBaselines().map((b) => [b.device, b]));
  for (const [ref, commit] of refs) {
    const device = ref.slice(BASELINE_PREFIX.length);
    if (cached.get(device)?.commit === commit) continue;
    state.setBaseline({ device, commit, approvedAt: now, approvedBy: 'store', message: `read from ${ref}` });
    report.baselinesFromRefs++;
  }
  for (const [device, b] of cached) {
    if (refs.has(baselineRef(device))) continue;
    const exists = await archive.resolveCommit(b.commit).then(
      () => true,
      () => false,
    );
    if (!exists) throw new StoreStateMismatchError(`baseline ${b.commit.slice(0, 12)} of ${device} is not in the store at ${archive.dir}: the store was replaced or rewound`);
    await archive.setRef(baselineRef(device), b.commit, 'restored from the state cache');
    report.refsRestored++;
  }
  state.setMeta(STORE_HEAD, head);
  return report;
}
