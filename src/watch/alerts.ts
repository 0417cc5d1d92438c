/** Build alert messages (pure) from what a cycle found. */
import { randomUUID } from 'node:crypto';
import type { Device } from '../config/schema.js';
import type { DriftResult } from '../drift/compare.js';
import type { ChangeAttribution } from '../drivers/types.js';
import type { Alert, AlertKind } from '../notify/types.js';

function base(kind: AlertKind, device: Device, now: Date): Pick<Alert, 'id' | 'kind' | 'device' | 'detectedAt'> {
  return {
    id: randomUUID(),
    kind,
    device: { name: device.name, host: device.host, platform: device.platform, group: device.group, tags: device.tags },
    detectedAt: now.toISOString(),
  };
}

export function driftAlert(
  kind: 'drift-new' | 'drift-updated',
  device: Device,
  result: DriftResult,
  commits: { baseline: string; current: string },
  now: Date,
  changedBy?: ChangeAttribution,
): Alert {
  return {
    ...base(kind, device, now),
    severity: result.severity,
    summary: `${kind === 'drift-new' ? 'unauthorized change' : 'unauthorized change, updated'}: +${result.added} -${result.removed} lines${result.sections.length ? ` in ${result.sections.slice(0, 3).join(', ')}` : ''}`,
    stats: { added: result.added, removed: result.removed },
    diff: result.diff,
    sections: result.sections,
    commit: commits.current,
    baselineCommit: commits.baseline,
    ...(changedBy?.user || changedBy?.at ? { attribution: { user: changedBy.user, at: changedBy.at, source: changedBy.source } } : {}),
  };
}

export function resolvedAlert(device: Device, commit: string | undefined, now: Date): Alert {
  return { ...base('drift-resolved', device, now), severity: 'info', summary: 'config is back to its approved baseline', commit };
}

export function approvedAlert(device: Device, commit: string, by: string, message: string, now: Date): Alert {
  return {
    ...base('drift-approved', device, now),
    severity: 'info',
    summary: `change approved by ${by}${message ? `: ${message}` : ''}`,
    commit,
    attribution: { user: by, at: now.toISOString() },
  };
}

/** `jump`: the key that changed is the jump host's (named), not the device's. */
export function hostKeyAlert(device: Device, expected: string, presented: string, now: Date, jump?: string): Alert {
  return {
    ...base('host-key-mismatch', device, now),
    severity: 'critical',
    summary: jump
      ? `SSH host key of jump host ${jump} changed: pulls through it refused (possible man-in-the-middle)`
      : 'SSH host key changed: pull refused (possible man-in-the-middle or replaced device)',
    detail: `pinned: ${expected}\npresented: ${presented}\nIf the change is legitimate: driftwatch hostkey forget ${jump ? `--jump ${jump}` : device.name}`,
  };
}

export function failingAlert(device: Device, failures: number, errorKind: string, error: string, now: Date): Alert {
  return {
    ...base('pull-failing', device, now),
    severity: 'warning',
    summary: `${failures} consecutive pulls failed (${errorKind})`,
    detail: error,
  };
}

export function recoveredAlert(device: Device, now: Date): Alert {
  return { ...base('pull-recovered', device, now), severity: 'info', summary: 'pulls succeed again' };
}
