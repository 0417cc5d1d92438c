/**
 * Alerts about pulls themselves: a changed host key (one per change of key, not one per cycle
 * while it stays wrong; a jump host's key once, not once per device behind it), a device failing
 * N pulls in a row and its recovery, and the store refusing snapshots (one alert for the store,
 * never a failure of the devices).
 */
import { failureTransition } from '../../../drift/lifecycle.js';
import { failingAlert, hostKeyAlert, recoveredAlert, storeFailingAlert } from '../../alerts.js';
import type { CycleStep } from '../record.js';

export const pullHealth: CycleStep = {
  name: 'pull-health',
  run(records, ctx) {
    const now = ctx.clock();
    const keyAlerted = new Set<string>();
    const unstored = records.filter((r) => r.pull.result === 'unstored');
    if (unstored.length) ctx.systemAlerts.push(storeFailingAlert(ctx.archive.dir, unstored.length, unstored[0]!.pull.error ?? '', now));
    for (const r of records) {
      const failed = r.pull.result === 'failed';
      const jumpKey = r.device.jump && `jump:${r.device.jump.name}`;
      const event = ctx.hostKeyEvents.find((e) => e.device === r.device.name || e.device === jumpKey);
      if (event && r.before?.last_error_kind !== 'host-key-mismatch' && !keyAlerted.has(event.device)) {
        keyAlerted.add(event.device);
        r.alerts.push(hostKeyAlert(r.device, event.expected, event.presented, now, event.device === jumpKey ? r.device.jump!.name : undefined));
      }
      if (r.pull.result === 'unstored') continue;
      // Pulls cut short by a shutdown are not the device's fault: no failing alert from them.
      if (failed && ctx.signal?.aborted) continue;
      const transition = failureTransition(r.before?.consecutive_failures ?? 0, failed, ctx.cfg.failure_alert_after);
      if (transition === 'failing') r.alerts.push(failingAlert(r.device, ctx.cfg.failure_alert_after, r.pull.errorKind ?? 'internal', r.pull.error ?? '', now, r.pull.startedAt.toISOString()));
      if (transition === 'recovered') r.alerts.push(recoveredAlert(r.device, now));
    }
  },
};
