/**
 * Build alert messages (pure) from what a cycle found. Ids come from notify/alert-id.ts: derived
 * from the event, so a re-send after a crash carries the same id.
 */
import { alertId } from '../notify/alert-id.js';
import type { Device } from '../config/schema.js';
import type { DriftResult } from '../drift/compare.js';
import type { ChangeAttribution } from '../drivers/types.js';
import { hostname } from 'node:os';
import type { Authorization } from '../drift/lifecycle.js';
import { mergeAttribution, type SyslogClaim } from '../syslog/claim.js';
import { isStaleAttribution } from '../notify/attribution.js';
import type { Alert, AlertKind } from '../notify/types.js';


function base(kind: AlertKind, device: Device, now: Date, ...key: ReadonlyArray<string | number | undefined>): Pick<Alert, 'id' | 'kind' | 'device' | 'detectedAt'> {
  return {
    id: alertId(kind, device.name, ...key),
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
  context: DriftContext = {},
): Alert {
  const claim = context.claim;
  // Fingerprints only: "secret changed" on that line, never either value.
  const secrets = result.secretChanges ?? [];
  const detail = [context.unannounced, ...(context.notes ?? []), ...secrets.map((c) => `secret changed: ${c.line}`)].filter((x): x is string => !!x);
  // Syslog only adds a claim (it can be forged): labelled as such, never replacing what the device says.
  const syslog = claim?.user || claim?.source ? `; syslog reports ${[claim.user && `user ${claim.user}`, claim.source && `from ${claim.source}`].filter(Boolean).join(' ')}` : '';
  return {
    ...base(kind, device, now, commits.baseline, commits.current),
    severity: context.unannounced ? 'critical' : result.severity,
    summary:
      `${kind === 'drift-new' ? 'unauthorized change' : 'unauthorized change, updated'}: +${result.added} -${result.removed} lines${result.sections.length ? ` in ${result.sections.slice(0, 3).join(', ')}` : ''}` +
      `${secrets.length ? `, secret changed on ${secrets.length} line(s)` : ''}${changedBy?.user ? ` by ${changedBy.user}${changedBy.source ? ` from ${changedBy.source}` : ''}${changedBy.via ? ` via ${changedBy.via}` : ''}` : ''}${syslog}${context.unannounced ? ` (${context.unannounced})` : ''}`,
    ...(detail.length ? { detail: detail.join('\n') } : {}),
    stats: { added: result.added, removed: result.removed },
    diff: result.diff,
    sections: result.sections,
    commit: commits.current,
    baselineCommit: commits.baseline,
    ...(changedBy?.user || changedBy?.at || claim?.user ? { attribution: attributionOf(changedBy, claim, context.baselineAt) } : {}),
    thread: driftThread(device.name, commits.baseline),
  };
}

/** One email thread per drift: opened, updated, resolved or approved against the same baseline. */
export function driftThread(device: string, baseline: string | undefined): string {
  return `drift/${device}/${(baseline ?? 'none').slice(0, 12)}`;
}

export interface DriftContext {
  claim?: SyslogClaim;
  unannounced?: string;
  /** When the baseline was set: a device stamp older than it is stale. */
  baselineAt?: string;
  /** Why it stays unauthorized although a ticket applied (e.g. covers 2 of 5 lines). */
  notes?: string[];
}

function attributionOf(changedBy: ChangeAttribution | undefined, claim: SyslogClaim | undefined, baselineAt: string | undefined): NonNullable<Alert['attribution']> {
  const merged = mergeAttribution(changedBy, claim);
  const stale = !!changedBy?.at && isStaleAttribution(changedBy.at, baselineAt);
  return { user: merged.user, at: merged.at, source: merged.source, ...(merged.via ? { via: merged.via } : {}), ...(changedBy?.commands?.length ? { commands: changedBy.commands } : {}), ...(stale ? { stale } : {}), ...(claim ? { syslog: { user: claim.user, source: claim.source, line: claim.line } } : {}) };
}

export function resolvedAlert(device: Device, commit: string | undefined, now: Date, baseline?: string): Alert {
  return { ...base('drift-resolved', device, now, commit), severity: 'info', summary: 'config is back to its approved baseline', commit, thread: driftThread(device.name, baseline) };
}

/** `previousBaseline`: the baseline the approved drift was measured against (threads with its alerts). */
export function approvedAlert(device: Device, commit: string, by: string, message: string, now: Date, previousBaseline?: string): Alert {
  return {
    ...base('drift-approved', device, now, commit, now.toISOString()),
    thread: driftThread(device.name, previousBaseline),
    severity: 'info',
    summary: `change approved by ${by}${message ? `: ${message}` : ''}`,
    commit,
    attribution: { user: by, at: now.toISOString() },
  };
}

/** `jump`: the key that changed is the jump host's (named), not the device's. */
export function hostKeyAlert(device: Device, expected: string, presented: string, now: Date, jump?: string): Alert {
  return {
    ...base('host-key-mismatch', device, now, jump ?? '', presented),
    severity: 'critical',
    summary: jump
      ? `SSH host key of jump host ${jump} changed: pulls through it refused (possible man-in-the-middle)`
      : 'SSH host key changed: pull refused (possible man-in-the-middle or replaced device)',
    detail: `pinned: ${expected}\npresented: ${presented}\nIf the change is legitimate: driftwatch hostkey accept ${jump ? `${jump} --jump` : device.name}`,
  };
}

/** `since`: when the failing streak began (the first failed pull), so one streak has one id. */
export function failingAlert(device: Device, failures: number, errorKind: string, error: string, now: Date, since: string): Alert {
  return {
    ...base('pull-failing', device, now, since),
    thread: `failing/${device.name}/${since}`,
    severity: 'warning',
    summary:
      errorKind === 'internal'
        ? `${failures} consecutive pulls failed with an internal driftwatch error (a bug, not the device): please report it`
        : `${failures} consecutive pulls failed (${errorKind})`,
    detail: error,
  };
}

export function recoveredAlert(device: Device, now: Date): Alert {
  return { ...base('pull-recovered', device, now, now.toISOString()), severity: 'info', summary: 'pulls succeed again' };
}

/** A change a window or an expected change covered: a notice, not an alert. */
export function authorizedNotice(
  device: Device,
  result: DriftResult,
  commits: { baseline: string; current: string },
  authorization: Authorization,
  now: Date,
  changedBy?: ChangeAttribution,
): Alert {
  return {
    ...driftAlert('drift-new', device, result, commits, now, changedBy),
    ...base('drift-authorized', device, now, commits.baseline, commits.current),
    severity: 'info',
    notice: true,
    summary: `authorized change (${authorization.note}): +${result.added} -${result.removed} lines`,
    authorization: { by: authorization.by, ticket: authorization.ticket, window: authorization.window },
  };
}

/** Alerts about driftwatch itself carry the management host as their "device". */
function self(): Device {
  return { name: 'driftwatch', host: hostname(), platform: 'driftwatch', tags: [] } as unknown as Device;
}

export function storeFailingAlert(storeDir: string, snapshots: number, error: string, now: Date): Alert {
  return {
    ...base('store-failing', self(), now, storeDir, now.toISOString().slice(0, 13)),
    severity: 'critical',
    summary: `store unwritable: ${snapshots} snapshot(s) not stored (${error.replace(/^store: /, '').slice(0, 160)})`,
    detail: `store: ${storeDir}\nThe devices were reached; their snapshots wait for the next cycle. Free disk space or fix permissions.`,
  };
}

export function stateRebuiltAlert(stateFile: string, devices: number, now: Date): Alert {
  return {
    ...base('state-rebuilt', self(), now, stateFile, now.toISOString()),
    severity: 'critical',
    summary: `state file was missing or empty: rebuilt from the store (${devices} devices); pinned host keys and open drift could not be recovered`,
    detail: `state: ${stateFile}\nEvery device's host key is trusted on its next pull again (host_key_policy: strict avoids that). Review recent changes with driftwatch diff.`,
  };
}

/** "CHG-123 expired, no change seen on edge-r1": a notice, for channels that want notices. */
export function expectationExpiredNotice(e: { id: number }, text: string, now: Date): Alert {
  return { ...base('expectation-expired', self(), now, String(e.id)), severity: 'info', notice: true, summary: text };
}
