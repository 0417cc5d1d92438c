/**
 * The cycle is a pipeline of steps over one record per device. Each step reads what earlier
 * steps filled in and adds its part; adding a step (compliance, authorization context) is adding
 * a file and one line in steps.ts.
 */
import type { Device } from '../../config/schema.js';
import type { DeviceResult } from '../../collect/cycle.js';
import type { HostKeyEvent } from '../../collect/host-key-policy.js';
import type { DriftResult } from '../../drift/compare.js';
import type { Authorization, DriftDecision } from '../../drift/lifecycle.js';
import type { Alert } from '../../notify/types.js';
import type { DeviceStatusRow, DriftRow } from '../../store/state.js';
import type { SyslogClaim } from '../../syslog/claim.js';
import type { AppContext } from '../context.js';
import type { AuthorizationContext } from '../../authorize/context.js';
import type { Rule } from '../../compliance/types.js';
import type { ComplianceFinding } from './compliance-probe.js';

export interface DeviceRecord {
  device: Device;
  /** What the pull and the store did (result, commit, error, facts, attribution). */
  pull: DeviceResult;
  /** The state's row of the device from before this cycle. */
  before?: DeviceStatusRow;
  /** The device's latest stored commit after this pull (from git, whether or not this pull committed). */
  current?: string;
  baseline?: string;
  /** When the baseline was set (a device's last-change stamp older than this names an earlier change). */
  baselineAt?: string;
  open?: DriftRow;
  comparison?: DriftResult;
  authorization?: Authorization;
  decision?: DriftDecision;
  /** What syslog said about this change (user, source), unverified: it triggered this pull. */
  claim?: SyslogClaim;
  /** Why a change was not authorized although something applied (a ticket covering only part of it). */
  authorizationNotes?: string[];
  /** Set when a device that announces its changes changed without a config-change message. */
  unannounced?: string;
  /** Alerts and notices about this device raised in this cycle, queued by the last step. */
  alerts: Alert[];
}

export interface CycleContext extends AppContext {
  devices: readonly Device[];
  signal?: AbortSignal;
  statusBefore: ReadonlyMap<string, DeviceStatusRow>;
  hostKeyEvents: HostKeyEvent[];
  /** Alerts about driftwatch itself (store unwritable, state rebuilt), not about one device. */
  systemAlerts: Alert[];
  onResult?(r: DeviceResult): void;
  /** Syslog claims of the devices this cycle pulls because they announced a change. */
  claims: ReadonlyMap<string, SyslogClaim>;
  /** Windows and expectations active at this cycle's start. */
  authorization: AuthorizationContext;
  /** Compliance findings of this cycle's snapshots (absent when no pack could be loaded). */
  compliance?: { findings: ReadonlyMap<string, ComplianceFinding>; rules: ReadonlyMap<string, Rule> };
  /** State writes that belong in the same transaction as the cycle's decisions (expectation use...). */
  inTransaction: Array<() => void>;
}

export interface CycleStep {
  name: string;
  run(records: DeviceRecord[], ctx: CycleContext): Promise<void> | void;
}
