/** Row shapes of the state DB (plain data, shared by state.ts and its callers) and their mappers. */
import { parseSeverity } from '../core/severity.js';
import type { Alert } from '../notify/types.js';

export type PullResult = 'changed' | 'unchanged' | 'failed';
export type DriftStatus = 'open' | 'resolved' | 'approved';

export interface DeviceRow {
  name: string;
  platform: string;
  group?: string | null;
  host: string;
  port?: number | null;
  path: string;
}

export interface PullRecord {
  device: string;
  startedAt: Date;
  durationMs: number;
  result: PullResult;
  errorKind?: string;
  error?: string;
  commit?: string | null;
  /** Facts of a successful pull (model, OS version, serial...); stored as JSON. */
  facts?: object;
}

export interface DeviceStatusRow {
  name: string;
  platform: string;
  group: string | null;
  host: string;
  port: number | null;
  path: string;
  last_pull_at: string | null;
  last_result: PullResult | null;
  last_error_kind: string | null;
  last_error: string | null;
  last_commit: string | null;
  last_changed_at: string | null;
  consecutive_failures: number;
  facts: Record<string, unknown>;
  facts_updated_at: string | null;
}

export interface HostKeyRow {
  keyType: string;
  fingerprint: string;
  firstSeen: string;
  lastSeen: string;
}

export interface PullRow {
  id: number;
  device: string;
  startedAt: string;
  durationMs: number;
  result: PullResult;
  errorKind: string | null;
  error: string | null;
  commit: string | null;
}

export interface Baseline {
  device: string;
  commit: string;
  approvedAt: string;
  approvedBy: string | null;
  message: string | null;
}

export interface DriftRow {
  id: number;
  device: string;
  status: DriftStatus;
  severity: string;
  firstSeen: string;
  lastSeen: string;
  baselineCommit: string | null;
  currentCommit: string | null;
  added: number;
  removed: number;
  diffHash: string | null;
  closedAt: string | null;
}

export interface NewDrift {
  device: string;
  severity: string;
  baselineCommit?: string | null;
  currentCommit?: string | null;
  added: number;
  removed: number;
  diffHash: string;
}

export interface OutboxItem {
  id: number;
  channel: string;
  alert: Alert;
  attempts: number;
}

export interface OutboxRow extends OutboxItem {
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

export type Row = Record<string, unknown>;

export function parseJson(s: string | null): unknown {
  if (!s) return {};
  try {
    return JSON.parse(s);
  } catch {
    return {};
  }
}

export function toBaseline(r: Row): Baseline {
  return {
    device: r.device as string,
    commit: r.commit as string,
    approvedAt: r.approved_at as string,
    approvedBy: (r.approved_by as string | null) ?? null,
    message: (r.message as string | null) ?? null,
  };
}

export function toDrift(r: Row): DriftRow {
  return {
    id: r.id as number,
    device: r.device as string,
    status: r.status as DriftStatus,
    severity: parseSeverity(r.severity as string) ?? 'warning',
    firstSeen: r.first_seen as string,
    lastSeen: r.last_seen as string,
    baselineCommit: (r.baseline_commit as string | null) ?? null,
    currentCommit: (r.current_commit as string | null) ?? null,
    added: r.added as number,
    removed: r.removed as number,
    diffHash: (r.diff_hash as string | null) ?? null,
    closedAt: (r.closed_at as string | null) ?? null,
  };
}
