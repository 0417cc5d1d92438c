/**
 * Alerts for software facts (pure apart from the id): a downgrade or image change no window or
 * ticket covers, a version below the user's minimum, an image whose hash is not the known-good
 * one. They use the `compliance-regression` kind: each is a step away from a hardened state.
 */
import { alertId } from '../../notify/alert-id.js';
import type { Device } from '../../config/schema.js';
import type { Alert } from '../../notify/types.js';
import type { IntegrityVerdict } from '../integrity/hash-output.js';
import type { SoftwareChange, VersionFinding } from './changes.js';

/** `event`: what happened (the changes, findings or verdict) and, for daily checks, the day: the id follows from it. */
function base(device: Device, now: Date, event: string) {
  return {
    id: alertId('compliance-regression', device.name, event),
    kind: 'compliance-regression' as const,
    device: { name: device.name, host: device.host, platform: device.platform, group: device.group, tags: device.tags },
    detectedAt: now.toISOString(),
  };
}

/** `authorized`: the drift decision found a window or ticket covering this pull's change. Upgrades never alert. */
export function softwareChangeAlert(device: Device, changes: readonly SoftwareChange[], authorized: boolean, now: Date): Alert | undefined {
  const bad = changes.filter((c) => c.kind !== 'upgrade');
  if (!bad.length || authorized) return undefined;
  const down = bad.find((c) => c.kind === 'downgrade');
  return {
    ...base(device, now, JSON.stringify(bad)),
    severity: down ? 'critical' : 'warning',
    summary: down ? `software downgrade ${down.from} -> ${down.to} (not covered by a window or ticket)` : `boot image changed (not covered by a window or ticket)`,
    sections: bad.map((c) => `software-${c.kind}`),
    detail: bad.map((c) => `${c.kind}: ${c.from} -> ${c.to}`).join('\n'),
  };
}

export function versionFindingsAlert(device: Device, findings: readonly VersionFinding[], now: Date): Alert | undefined {
  if (!findings.length) return undefined;
  return {
    ...base(device, now, `${JSON.stringify(findings)}|${now.toISOString().slice(0, 10)}`),
    severity: findings.some((f) => f.severity === 'critical') ? 'critical' : 'warning',
    summary: findings[0]!.summary,
    sections: findings.map((f) => `software-${f.kind}`),
    detail: findings.map((f) => f.summary).join('\n'),
  };
}

export function integrityAlert(device: Device, v: IntegrityVerdict, now: Date): Alert | undefined {
  if (v.status === 'match') return undefined;
  const summary =
    v.status === 'mismatch'
      ? `image ${v.image} hash differs from the known-good value`
      : v.status === 'unknown-image'
        ? `image ${v.image} is not in the known-good table`
        : `image ${v.image}: no hash could be read`;
  return {
    ...base(device, now, `${JSON.stringify(v)}|${now.toISOString().slice(0, 10)}`),
    severity: v.status === 'mismatch' ? 'critical' : 'warning',
    summary,
    sections: [`integrity-${v.status}`],
    detail: v.status === 'mismatch' ? `expected ${v.expected}\ngot      ${v.got}` : summary,
  };
}
