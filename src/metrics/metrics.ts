/**
 * Prometheus metrics (prom-client) on a registry of our own (not the global one, so tests and
 * several daemons in one process do not collide). The cycle and the delivery loop call the small
 * API below; gauges that describe current state are read from a `FleetGauges` source at scrape time.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface FleetSnapshot {
  /** Devices by state: ok, drifted, failing, never. */
  devicesByState: Record<string, number>;
  openDriftBySeverity: Record<string, number>;
  outboxDepth: number;
  /** Age in seconds of the oldest undelivered alert (0 when none). */
  outboxOldestSeconds: number;
  /** Optional, large fleets may leave it out: device -> unix seconds of its last good pull. */
  lastSuccessfulPull?: Record<string, number>;
}

export type FleetSource = () => FleetSnapshot;

export class Metrics {
  readonly registry = new Registry();
  readonly pulls = new Counter({ name: 'driftwatch_pulls_total', help: 'Pulls by result (changed, unchanged, failed) and error kind', labelNames: ['result', 'error_kind'], registers: [this.registry] });
  readonly pullDuration = new Histogram({ name: 'driftwatch_pull_duration_seconds', help: 'Duration of one device pull', labelNames: ['result'], buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 180], registers: [this.registry] });
  readonly cycleDuration = new Histogram({ name: 'driftwatch_cycle_duration_seconds', help: 'Duration of one pull cycle', buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800], registers: [this.registry] });
  readonly lastCycle = new Gauge({ name: 'driftwatch_last_cycle_timestamp_seconds', help: 'End of the last pull cycle, unix seconds', registers: [this.registry] });
  readonly deliveries = new Counter({ name: 'driftwatch_alert_deliveries_total', help: 'Alert deliveries by channel and result (delivered, failed)', labelNames: ['channel', 'result'], registers: [this.registry] });
  readonly syslog = new Counter({ name: 'driftwatch_syslog_messages_total', help: 'Syslog messages by outcome (config-change, ignored, unknown-source, malformed)', labelNames: ['outcome'], registers: [this.registry] });
  private source?: FleetSource;
  private lastCycleAt?: Date;

  private processMetrics = false;

  constructor() {
    const fleet = () => this.source?.();
    const reg = [this.registry];
    new Gauge({ name: 'driftwatch_devices', help: 'Devices by state', labelNames: ['state'], registers: reg, collect() { setAll(this, fleet()?.devicesByState, 'state'); } });
    new Gauge({ name: 'driftwatch_open_drift', help: 'Open unauthorized drift by severity', labelNames: ['severity'], registers: reg, collect() { setAll(this, fleet()?.openDriftBySeverity, 'severity'); } });
    new Gauge({ name: 'driftwatch_outbox_depth', help: 'Alerts not yet delivered', registers: reg, collect() { this.set(fleet()?.outboxDepth ?? 0); } });
    new Gauge({ name: 'driftwatch_outbox_oldest_seconds', help: 'Age of the oldest undelivered alert', registers: reg, collect() { this.set(fleet()?.outboxOldestSeconds ?? 0); } });
    new Gauge({ name: 'driftwatch_last_successful_pull_timestamp_seconds', help: 'Last successful pull per device, unix seconds (when enabled)', labelNames: ['device'], registers: reg, collect() { setAll(this, fleet()?.lastSuccessfulPull, 'device'); } });
  }

  /** Process metrics (CPU, memory, event loop lag, ...), once, when a server exposes them. */
  enableProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry, prefix: 'driftwatch_' });
  }

  /** Where the state gauges come from (the HTTP server sets it to its own read connection). */
  setFleetSource(source: FleetSource | undefined): void {
    this.source = source;
  }

  /** One device pull ended. `errorKind`: the classified failure, '' when it succeeded. */
  pullFinished(result: 'changed' | 'unchanged' | 'failed', errorKind: string | null | undefined, seconds: number): void {
    this.pulls.inc({ result, error_kind: errorKind ?? '' });
    this.pullDuration.observe({ result }, Math.max(0, seconds));
  }

  cycleFinished(seconds: number, at: Date = new Date()): void {
    this.cycleDuration.observe(Math.max(0, seconds));
    this.lastCycle.set(at.getTime() / 1000);
    this.lastCycleAt = at;
  }

  alertDelivered(channel: string, result: 'delivered' | 'failed'): void {
    this.deliveries.inc({ channel, result });
  }

  syslogMessage(outcome: string): void {
    this.syslog.inc({ outcome });
  }

  /** End of the last cycle seen by this process (readiness). */
  get lastCycleEnd(): Date | undefined {
    return this.lastCycleAt;
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function setAll(g: Gauge<string>, values: Record<string, number> | undefined, label: string): void {
  g.reset();
  for (const [k, v] of Object.entries(values ?? {})) g.set({ [label]: k }, v);
}

/** The process's metrics: the cycle, delivery loop and syslog receiver increment these. */
export const metrics = new Metrics();
