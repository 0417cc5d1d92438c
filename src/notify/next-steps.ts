/** What the reader can do about an alert, as commands to paste (shared by email and Slack). Pure. */
import { SAFE_DEVICE } from './subject.js';
import type { Alert } from './types.js';

/** A device name as a shell argument: bare when it is a plain name, JSON-quoted otherwise. */
export function shellArg(name: string): string {
  return SAFE_DEVICE.test(name) ? name : JSON.stringify(name).replace(/[`$]/g, '?');
}

export function nextSteps(alert: Alert): string[] {
  const d = shellArg(alert.device.name);
  switch (alert.kind) {
    case 'drift-new':
    case 'drift-updated':
      return [
        `Investigate: driftwatch diff ${d}   (baseline vs current; git log -p in the store shows every snapshot)`,
        `If the change is legitimate: driftwatch approve ${d} -m "<ticket or reason>"`,
        'If it is not: treat the device as compromised until you know who made it, then restore the baseline config.',
      ];
    case 'host-key-mismatch':
      return [
        `Check the key out of band before trusting it: driftwatch hostkey show ${d}`,
        'If the change is legitimate (device replaced, key regenerated): run the forget command in the detail above.',
      ];
    case 'pull-failing':
      return [`See the last error per device: driftwatch status`, `Try again now: driftwatch pull ${d}`];
    case 'drift-authorized':
    case 'expectation-expired':
      return [`See the device's history: driftwatch log ${d}`];
    default:
      return [];
  }
}
