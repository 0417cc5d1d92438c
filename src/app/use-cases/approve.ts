/**
 * Approve a device's current stored config: it becomes the baseline (ref, then state), open drift
 * closes as approved, an annotated tag `approved/<device>/<stamp>` records who and why, and an
 * `drift-approved` alert is queued. The CLI and the HTTP API both call this.
 */
import { snapshotPath } from '../../collect/snapshot-path.js';
import { channelsFor } from '../../notify/route.js';
import { approvedAlert } from '../alerts.js';
import { approvalTagName, moveBaselines } from '../baseline.js';
import { UseCaseError, type AppContext } from '../context.js';
import { findDevice } from './find-device.js';
import { withStateMutex } from '../writer-lock.js';
import { auditRepo } from '../../state/audit-repo.js';

export interface ApproveInput {
  device: string;
  by: string;
  message?: string;
  /** Where the approval came from, for the audit log: 'cli' or the HTTP client's address. */
  address?: string;
}

export interface ApproveResult {
  device: string;
  commit: string;
  by: string;
  message: string;
  closedDrift: number[];
  tag: string;
}

/** Operator text: one printable line, so it cannot forge tag or trailer lines. */
export function cleanOperatorText(s: string, max = 500): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').trim().slice(0, max);
}

export function approveDevice(app: AppContext, input: ApproveInput): Promise<ApproveResult> {
  // Never between a cycle's drift decision and its application (the daemon's HTTP API runs beside cycles).
  return withStateMutex(app.cfg.state, () => approve(app, input));
}

async function approve(app: AppContext, input: ApproveInput): Promise<ApproveResult> {
  const device = findDevice(app.cfg, input.device);
  const [latest] = await app.archive.log(snapshotPath(device), 1);
  if (!latest) throw new UseCaseError('not-found', `${device.name}: nothing stored yet (run driftwatch pull ${device.name} first)`);
  const now = app.clock();
  const by = cleanOperatorText(input.by, 200) || 'unknown';
  const previous = app.state.getBaseline(device.name)?.commit;
  const message = cleanOperatorText(input.message ?? '');
  await moveBaselines(app.archive, app.state, [{ device: device.name, commit: latest.commit, by, message: message || null }], now, `approved by ${by}`);
  const tag = approvalTagName(device.name, now);
  if (!(await app.archive.getRef(`refs/tags/${tag}`))) await app.archive.tag(tag, latest.commit, `approved ${device.name} by ${by}${message ? `\n\n${message}` : ''}`);
  const alert = approvedAlert(device, latest.commit, by, message, now, previous);
  const routed = channelsFor(alert, app.cfg.alerts).map(({ id }) => ({ channel: id, alert }));
  const closedDrift = app.state.transaction(() => {
    const closed = app.state.approveDrift(device.name, now);
    if (routed.length) app.state.enqueueAlerts(routed, now);
    auditRepo(app.state.db).record(
      { actor: by, action: 'approve', target: device.name, detail: `baseline ${latest.commit.slice(0, 12)}${closed.length ? `, closed drift #${closed.join(', #')}` : ''}${message ? `: ${message}` : ''}`, address: input.address ?? 'unknown' },
      now,
    );
    return closed;
  });
  return { device: device.name, commit: latest.commit, by, message, closedDrift, tag };
}
