/**
 * What the HTTP API and the web page need from the rest of driftwatch, as one narrow interface.
 * port-adapter.ts implements it over today's StateDb/Archive; the lead will point it at src/app/.
 * Everything returned here is safe to show: no credentials, secrets already masked in the store.
 */
import type { DriftRow } from '../store/state-rows.js';
import type { AuditEntry } from '../state/audit-repo.js';

export type DeviceState = 'failing' | 'drifted' | 'ok' | 'never';

export interface DeviceSummary {
  name: string;
  platform: string;
  group: string | null;
  tags: string[];
  host: string;
  state: DeviceState;
  lastPullAt: string | null;
  lastResult: string | null;
  lastErrorKind: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  lastCommit: string | null;
  facts: Record<string, unknown>;
  openDrift: DriftItem | null;
  /** Compliance score 0..100 where available (null until the compliance module lands). */
  compliance: number | null;
}

/** An open drift as the API shows it: the state's row without its internal hash and close time. */
export type DriftItem = Omit<DriftRow, 'diffHash' | 'closedAt'>;

export interface Revision {
  commit: string;
  date: string;
  subject: string;
  /** Trailers of the commit that say who changed the device (Changed-By, Changed-At...). */
  attribution: Record<string, string>;
}

export interface DiffView {
  device: string;
  from: string;
  to: string;
  drifted: boolean;
  severity: string;
  added: number;
  removed: number;
  sections: string[];
  /** Unified diff, hunk headers labelled with the config section. */
  diff: string;
}

export interface DeviceDetail extends DeviceSummary {
  hostKey: { keyType: string; fingerprint: string; firstSeen: string; lastSeen: string } | null;
  baseline: { commit: string; approvedAt: string; approvedBy: string | null; message: string | null } | null;
  pulls: Array<{ startedAt: string; durationMs: number; result: string; errorKind: string | null; error: string | null; commit: string | null }>;
}

export interface PullEvent {
  device: string;
  at: string;
  result: string;
  errorKind: string | null;
  commit: string | null;
}

export interface Actor {
  name: string;
  address: string;
}

export interface ApproveOutcome {
  device: string;
  commit: string;
  closed: number[];
}

/** Thrown by ports for a device or revision that does not exist (-> 404). */
export class NotFoundError extends Error {}
/** Thrown for bad input (-> 400), e.g. a malformed revision. */
export class BadRequestError extends Error {}
/** Thrown for a feature not on this build yet (-> 501). */
export class NotImplementedError extends Error {}

export interface ReviewPort {
  listDevices(): DeviceSummary[];
  getDevice(name: string): DeviceDetail;
  history(name: string, limit: number): Promise<Revision[]>;
  /** rev: a commit id (7-64 hex), HEAD, or "baseline". */
  configAt(name: string, rev: string): Promise<{ commit: string; text: string }>;
  diff(name: string, from: string, to: string): Promise<DiffView>;
  openDrift(): DriftItem[];
  approve(name: string, message: string, actor: Actor): Promise<ApproveOutcome>;
  events(limit: number, offset: number): PullEvent[];
  audit(limit: number, beforeId?: number): AuditEntry[];
  recordAudit(e: { actor: string; action: string; target: string | null; detail: string | null; address: string }): void;
  // TODO(expectations): wire to src/authorize/expectations.ts (another helper's module) once merged.
  listExpectations(): unknown[];
  createExpectation(input: unknown, actor: Actor): unknown;
  cancelExpectation(id: string, actor: Actor): unknown;
  /** State and store usable; the time of the last finished cycle if known. */
  health(): Promise<{ state: boolean; store: boolean; lastCycleAt: Date | null }>;
}
