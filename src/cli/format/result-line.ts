/** One line per pulled device, one line per alert, and the pull's closing summary. Pure. */
import type { DeviceResult } from '../../collect/cycle.js';
import type { Alert } from '../../notify/types.js';
import { padVisible, severity, type Paint } from './colour.js';
import { safeLine } from './sanitize.js';

export function resultLine(r: DeviceResult, p: Paint): string {
  const secs = (r.durationMs / 1000).toFixed(2);
  const name = padVisible(safeLine(r.device.name), 24);
  if (r.result === 'failed') return `${name} ${p.red('FAILED')} ${r.errorKind} (${secs}s): ${safeLine(r.error)}`;
  if (r.result === 'unstored') return `${name} ${p.red('NOT STORED')} (${secs}s): ${safeLine(r.error)}`;
  if (r.result === 'superseded') return `${name} ${p.dim('superseded')} (${secs}s)`;
  if (r.result === 'changed') return `${name} ${p.yellow('changed')} ${p.green(`+${r.added}`)} ${p.red(`-${r.removed}`)} ${r.commit?.slice(0, 10)} (${secs}s)`;
  return `${name} ${p.green('unchanged')} (${secs}s)`;
}

/** Results worth a line above the progress bar on a terminal (the rest are only counted). */
export function isNotable(r: DeviceResult): boolean {
  return r.result !== 'unchanged';
}

export function alertLine(a: Alert, p: Paint): string {
  const word = a.notice ? 'NOTICE' : p.bold('ALERT');
  return `${word} ${severity(p, a.severity)} ${safeLine(a.device?.name ?? '-')}: ${safeLine(a.summary)}`;
}

export interface PullSummary {
  results: readonly DeviceResult[];
  seconds: number;
  deliveryFailures: number;
  /** Alerts waiting in the outbox after this pull's delivery attempt. */
  pending: number;
  openDrift: readonly string[];
}

export function failedCount(results: readonly DeviceResult[]): number {
  return results.filter((r) => r.result === 'failed' || r.result === 'unstored').length;
}

export function summaryLines(s: PullSummary, p: Paint): string[] {
  const count = (k: DeviceResult['result']) => s.results.filter((r) => r.result === k).length;
  const failed = failedCount(s.results);
  const failedText = failed ? p.red(`${failed} failed`) : '0 failed';
  const lines = [`${s.results.length} devices: ${count('changed')} changed, ${count('unchanged')} unchanged, ${failedText} in ${s.seconds.toFixed(1)}s`];
  if (s.deliveryFailures) {
    lines.push(p.red(`${s.deliveryFailures} alert ${s.deliveryFailures === 1 ? 'delivery' : 'deliveries'} failed`) + `; ${s.pending} alert${s.pending === 1 ? '' : 's'} waiting in the outbox, retried by the daemon (driftwatch outbox)`);
  } else if (s.pending) {
    lines.push(`${s.pending} alert${s.pending === 1 ? '' : 's'} waiting in the outbox (driftwatch outbox)`);
  }
  if (s.openDrift.length) {
    lines.push(`${p.red('unauthorized drift open on:')} ${s.openDrift.map(safeLine).join(', ')} (driftwatch diff <device>, driftwatch approve <device>)`);
  }
  return lines;
}
