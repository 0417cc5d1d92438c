/**
 * Approve a device's current stored config: the one code path for the CLI and the HTTP API.
 * Moves refs/baselines/<device>, records the baseline in state, closes open drift, tags the
 * approval in git, queues the "approved" notice, and writes the audit log.
 */
import type { Config, Device } from '../config/schema.js';
import { snapshotPath } from '../collect/snapshot-path.js';
import { channelsFor } from '../notify/route.js';
import type { AuditRepo } from '../state/audit-repo.js';
import type { Archive } from '../store/archive.js';
import type { StateDb } from '../store/state.js';
import { approvedAlert } from '../watch/alerts.js';
import { setBaseline } from '../watch/drift-step.js';

/** One line of printable text, so it cannot forge tag or trailer lines. */
export function cleanText(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]+/g, ' ').trim().slice(0, 500);
}

export class NothingStoredError extends Error {
  constructor(readonly device: string) {
    super(`${device}: nothing stored yet (run driftwatch pull ${device} first)`);
    this.name = 'NothingStoredError';
  }
}

export interface ApproveDeps {
  archive: Archive;
  state: StateDb;
  audit?: AuditRepo;
  now(): Date;
}

export interface ApproveRequest {
  by: string;
  message: string;
  /** Client address for the audit log ('cli' from the command line). */
  address: string;
}

export interface ApproveResult {
  device: string;
  commit: string;
  by: string;
  message: string;
  /** Drift ids closed as approved. */
  closed: number[];
}

export async function approveDevice(cfg: Config, device: Device, req: ApproveRequest, deps: ApproveDeps): Promise<ApproveResult> {
  const { archive, state } = deps;
  const [latest] = await archive.log(snapshotPath(device), 1);
  if (!latest) throw new NothingStoredError(device.name);
  const now = deps.now();
  const by = cleanText(req.by) || 'unknown';
  const message = cleanText(req.message);
  await setBaseline({ archive, state, now: () => now }, device.name, latest.commit, by, message || null);
  const closed = state.approveDrift(device.name, now);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  await archive.tag(`approved/${device.name}/${stamp}`, latest.commit, `approved ${device.name} by ${by}${message ? `\n\n${message}` : ''}`);
  const alert = approvedAlert(device, latest.commit, by, message, now);
  const routed = channelsFor(alert, cfg.alerts).map(({ id }) => ({ channel: id, alert }));
  if (routed.length) state.enqueueAlerts(routed, now);
  deps.audit?.record(
    { actor: by, action: 'approve', target: device.name, detail: `baseline ${latest.commit.slice(0, 12)}${closed.length ? `, closed drift #${closed.join(', #')}` : ''}${message ? `: ${message}` : ''}`, address: req.address },
    now,
  );
  return { device: device.name, commit: latest.commit, by, message, closed };
}
