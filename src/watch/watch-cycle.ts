/**
 * The whole cycle behind `driftwatch pull` and each daemon tick: pull, commit, evaluate drift,
 * queue alerts (drift, host keys, failing devices) in the outbox, and try to deliver them.
 */
import type { Config, Device } from '../config/schema.js';
import { runCycle, type DeviceResult } from '../collect/cycle.js';
import type { HostKeyEvent } from '../collect/host-key-policy.js';
import { failureTransition } from '../drift/evaluate.js';
import { dispatchDue } from '../notify/dispatch.js';
import { defaultSenders } from '../notify/registry.js';
import { channelMap, channelsFor } from '../notify/route.js';
import type { Alert, Senders } from '../notify/types.js';
import type { Archive } from '../store/archive.js';
import type { StateDb } from '../store/state.js';
import { failingAlert, hostKeyAlert, recoveredAlert } from './alerts.js';
import { devicesWithOpenDrift, evaluateDrift } from './drift-step.js';
import type { Logger } from '../core/log.js';

export interface WatchDeps {
  archive: Archive;
  state: StateDb;
  log: Logger;
  now(): Date;
  signal?: AbortSignal;
  senders?: Senders;
  onResult?(r: DeviceResult): void;
}

export interface WatchReport {
  results: DeviceResult[];
  alerts: Alert[];
  openDrift: string[];
  delivered: number;
  deliveryFailures: number;
}

export async function watchCycle(cfg: Config, devices: readonly Device[], deps: WatchDeps): Promise<WatchReport> {
  const { state, log } = deps;
  // One read of the device rows serves the pulls (facts age), drift (last commits) and failure alerts.
  const statusBefore = new Map(state.deviceStatus().map((r) => [r.name, r]));
  const hostKeyEvents: HostKeyEvent[] = [];
  const results = await runCycle(cfg, devices, {
    archive: deps.archive,
    state,
    now: deps.now,
    signal: deps.signal,
    onResult: deps.onResult,
    statusBefore,
    onHostKeyMismatch: (e) => {
      hostKeyEvents.push(e);
      log.error({ device: e.device, pinned: e.expected, presented: e.presented }, 'host key changed: pull refused');
    },
  });

  const alerts = await evaluateDrift(cfg, results, deps, statusBefore);
  const now = deps.now();
  const keyAlerted = new Set<string>();
  for (const r of results) {
    const before = statusBefore.get(r.device.name);
    const failed = r.result === 'failed';
    // One host-key alert per change of key, not one per cycle while it stays wrong.
    // A jump host's key is pinned as `jump:<name>`: one alert for it, not one per device behind it.
    const jumpKey = r.device.jump && `jump:${r.device.jump.name}`;
    const event = hostKeyEvents.find((e) => e.device === r.device.name || e.device === jumpKey);
    if (event && before?.last_error_kind !== 'host-key-mismatch' && !keyAlerted.has(event.device)) {
      keyAlerted.add(event.device);
      alerts.push(hostKeyAlert(r.device, event.expected, event.presented, now, event.device === jumpKey ? r.device.jump!.name : undefined));
    }
    // Pulls cut short by a shutdown are not the device's fault: no failing alert from them.
    const transition = deps.signal?.aborted && failed ? undefined : failureTransition(before?.consecutive_failures ?? 0, failed, cfg.failure_alert_after);
    if (transition === 'failing') alerts.push(failingAlert(r.device, cfg.failure_alert_after, r.errorKind ?? 'protocol', r.error ?? '', now));
    if (transition === 'recovered') alerts.push(recoveredAlert(r.device, now));
  }

  const routed = alerts.flatMap((alert) => channelsFor(alert, cfg.alerts).map(({ id }) => ({ channel: id, alert })));
  if (routed.length) state.enqueueAlerts(routed, now);
  for (const a of alerts) log.warn({ device: a.device.name, kind: a.kind, severity: a.severity }, a.summary);
  const delivery = await deliverAlerts(cfg, deps);
  return { results, alerts, openDrift: devicesWithOpenDrift(state, devices), ...delivery };
}

/** Try every due outbox item once; failures stay queued with backoff. */
export async function deliverAlerts(cfg: Config, deps: Pick<WatchDeps, 'state' | 'log' | 'now' | 'senders'>): Promise<{ delivered: number; deliveryFailures: number }> {
  if (!cfg.alerts.length) return { delivered: 0, deliveryFailures: 0 };
  const r = await dispatchDue(deps.state, channelMap(cfg.alerts), deps.senders ?? defaultSenders, deps.now, {
    limit: 1000,
    onError: (item, error) => deps.log.warn({ channel: item.channel, device: item.alert.device.name, error }, 'alert delivery failed; will retry'),
  });
  return { delivered: r.delivered, deliveryFailures: r.failed };
}
