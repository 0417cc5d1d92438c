/**
 * Alerts and the shapes the notify layer works on. Everything here is plain data: the drift
 * engine and the daemon build `Alert`s, the outbox stores them, channels render and send them.
 */
import type { ChannelOf, ChannelType, RoutableChannel } from './channel-schemas.js';

export type { ChannelConfig, ChannelOf, ChannelType, RoutableChannel } from './channel-schemas.js';

export type AlertKind =
  | 'drift-new'
  | 'drift-updated'
  | 'drift-resolved'
  | 'drift-approved'
  | 'drift-authorized'
  | 'expectation-expired'
  | 'host-key-mismatch'
  | 'pull-failing'
  | 'pull-recovered'
  | 'store-failing'
  | 'state-rebuilt'

  | 'compliance-regression'
  | 'compliance-fixed';

export type { Severity } from '../core/severity.js';
import type { Severity } from '../core/severity.js';

export interface Alert {
  /** Stable id (idempotency key, given by the caller), sent as X-Driftwatch-Alert-Id and in the Message-ID. */
  id: string;
  kind: AlertKind;
  severity: Severity;
  /**
   * An informational event nobody has to act on (a change authorized by a window or ticket, an
   * expectation that expired unused, a compliance finding fixed). Only channels with
   * `notices: true` receive it.
   */
  notice?: boolean;
  /**
   * Conversation key: alerts about the same thing share it (e.g. `drift/<device>/<driftId>`), so
   * the update, resolution or approval threads under the first mail. Absent: the alert stands alone.
   */
  thread?: string;
  /** Where a person reviews this (a web page); shown as a link and a Slack "Review" button. http(s) only. */
  link?: string;
  device: { name: string; host: string; platform: string; group?: string; tags: string[] };
  /** One line, e.g. "unauthorized change: +3 -1 lines". */
  summary: string;
  stats?: { added: number; removed: number };
  /** Unified diff text, secrets already masked upstream. */
  diff?: string;
  /** Config sections touched, e.g. "line vty 0 4" (labels from the driver's section knowledge). */
  sections?: string[];
  /**
   * Who changed it, as the device reports it. `stale`: the device's last-change stamp predates
   * the baseline, so it names an earlier change, not this one (see notify/attribution.ts).
   * `syslog`: what a syslog message claimed (unverified).
   */
  attribution?: {
    user?: string;
    source?: string;
    at?: string;
    /** Through what (cli, ssh, netconf, web, api), as the device or syslog says. */
    via?: string;
    /** Commands the device logged for the change (masked like config lines), bounded. */
    commands?: string[];
    stale?: boolean;
    syslog?: { user?: string; source?: string; line?: string };
  };
  commit?: string;
  baselineCommit?: string;
  /** Free text (error message for pull-failing, fingerprints for host-key-mismatch). */
  detail?: string;
  /** ISO time. */
  detectedAt: string;
  /** The change ticket or window that authorized it. */
  authorization?: { by: string; ticket?: string; window?: string };
}

/** What a delivery may pass a sender: cancel (shutdown) and a time limit for the whole send. */
export interface SendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Clock for signatures and dates in the message (default: system time). */
  now?: () => Date;
}

/** Delivers one alert on one channel; resolves when the far end accepted it, throws a secret-free Error otherwise. */
export type SendFn<C extends RoutableChannel = RoutableChannel> = (channel: C, alert: Alert, opts?: SendOptions) => Promise<void>;

/** Injectable senders keyed by channel type (the daemon passes the real ones from registry.ts, tests their own). */
export type Senders = { [T in ChannelType]?: SendFn<ChannelOf<T>> };

/** Pure renderer of one channel type: alert (+ channel settings) in, wire payload out. */
export type RenderFn<C extends RoutableChannel, Out> = (alert: Alert, channel: C) => Out;

export { SEVERITY_RANK } from '../core/severity.js';

/** Short human title per kind, shared by all channels. */
export const KIND_TITLES: Record<AlertKind, string> = {
  'drift-new': 'Unauthorized configuration change',
  'drift-updated': 'Unauthorized change updated',
  'drift-resolved': 'Drift resolved',
  'drift-approved': 'Drift approved',
  'drift-authorized': 'Authorized change',
  'expectation-expired': 'Expected change expired unused',
  'host-key-mismatch': 'SSH host key mismatch',
  'pull-failing': 'Config pull failing',
  'pull-recovered': 'Config pull recovered',
  'store-failing': 'Store refuses snapshots',
  'state-rebuilt': 'State file rebuilt from the store',
  'compliance-regression': 'Hardening rule now fails',
  'compliance-fixed': 'Hardening rule passes again',
};
