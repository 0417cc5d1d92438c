/**
 * Alerts and the shapes the notify layer works on. Everything here is plain data: the drift
 * engine and the daemon build `Alert`s, the outbox stores them, channels render and send them.
 */
import type { ChannelConfig } from '../config/schema.js';

export type AlertKind =
  | 'drift-new'
  | 'drift-updated'
  | 'drift-resolved'
  | 'drift-approved'
  | 'host-key-mismatch'
  | 'pull-failing'
  | 'pull-recovered'
  | 'compliance-regression'
  | 'compliance-fixed';

export type { Severity } from '../core/severity.js';
import type { Severity } from '../core/severity.js';

export interface Alert {
  /** Stable id (outbox row id / idempotency key), sent as X-Driftwatch-Alert-Id / Message-ID material. */
  id: string;
  kind: AlertKind;
  severity: Severity;
  device: { name: string; host: string; platform: string; group?: string; tags: string[] };
  /** One line, e.g. "unauthorized change: +3 -1 lines". */
  summary: string;
  stats?: { added: number; removed: number };
  /** Unified diff text, secrets already masked upstream. */
  diff?: string;
  /** Config sections touched, e.g. "line vty 0 4". */
  sections?: string[];
  attribution?: { user?: string; source?: string; at?: string };
  commit?: string;
  baselineCommit?: string;
  /** Free text (error message for pull-failing, fingerprints for host-key-mismatch). */
  detail?: string;
  /** ISO time. */
  detectedAt: string;
}

export type ChannelType = ChannelConfig['type'];
export type ChannelOf<T extends ChannelType> = Extract<ChannelConfig, { type: T }>;

/** Delivers one alert on one channel; resolves when the far end accepted it, throws a secret-free Error otherwise. */
export type SendFn<C extends ChannelConfig = ChannelConfig> = (channel: C, alert: Alert) => Promise<void>;

/** Injectable senders keyed by channel type (the daemon passes the real ones from registry.ts, tests their own). */
export type Senders = { [T in ChannelType]?: SendFn<ChannelOf<T>> };

/** Pure renderer of one channel type: alert (+ channel settings) in, wire payload out. */
export type RenderFn<C extends ChannelConfig, Out> = (alert: Alert, channel: C) => Out;

export { SEVERITY_RANK } from '../core/severity.js';

/** Short human title per kind, shared by all channels. */
export const KIND_TITLES: Record<AlertKind, string> = {
  'drift-new': 'Unauthorized configuration change',
  'drift-updated': 'Unauthorized change updated',
  'drift-resolved': 'Drift resolved',
  'drift-approved': 'Drift approved',
  'host-key-mismatch': 'SSH host key mismatch',
  'pull-failing': 'Config pull failing',
  'pull-recovered': 'Config pull recovered',
  'compliance-regression': 'Hardening rule now fails',
  'compliance-fixed': 'Hardening rule passes again',
};
