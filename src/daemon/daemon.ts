/**
 * The long-running service: cycles on the cron schedule (never two scheduled cycles at once),
 * pulls announced by syslog at once (also while a cycle runs), alert delivery in its own loop,
 * SIGTERM drains then aborts in-flight pulls within a bound, SIGHUP reloads the config (a broken
 * new config is logged and the old one kept).
 */
import type { ScheduledTask } from 'node-cron';
import { watchFile } from './file-watch.js';
import { runCycle } from '../app/cycle/run-cycle.js';
import { openApp, type OpenApp } from '../app/open.js';
import { LockedError, withWriterLock } from '../app/writer-lock.js';
import { ConfigError, formatProblem, loadConfigFile } from '../config/load.js';
import type { Config, Device } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Senders } from '../notify/types.js';
import { deliverDue } from '../app/deliver.js';
import { startDelivery, type Delivery } from '../notify/delivery-loop.js';
import { defaultSenders } from '../notify/registry.js';
import { channelMap } from '../notify/route.js';
import { scheduleSlots, startIntegritySchedule, startSchedules, type ScheduleSlot } from './scheduler.js';
import { runIntegrity } from '../app/use-cases/integrity.js';
import { startSyslogService, type SyslogService } from '../syslog/service.js';
import type { SyslogClaim } from '../syslog/claim.js';
import type { HttpServer } from '../http/server.js';
import { metrics } from '../metrics/metrics.js';
import { traceStage } from '../core/stage-trace.js';

/**
 * A syslog pull in flight holds newly announced devices for the next one at most this long (then a
 * second runs beside it): a device timing out must not hold the others for its whole timeout.
 */
const URGENT_HOLD_MS = 3000;

export interface DaemonOptions {
  configFile: string;
  log: Logger;
  /** How long SIGTERM waits for in-flight pulls (and deliveries) before aborting them. */
  drainMs?: number;
  /** How often the inventory file is checked for changes (refreshed without a SIGHUP). */
  inventoryRefreshMs?: number;
  /** Interval of outbox delivery between cycles. */
  retryIntervalMs?: number;
  senders?: Senders;
  /** Clock (tests move it forward to reach alert retry times). */
  now?: () => Date;
}

export class Daemon {
  private tasks: ScheduledTask[] = [];
  private running?: Promise<void>;
  private urgentRuns = new Set<Promise<void>>();
  private abort = new AbortController();
  private stopping = false;
  private syslog?: SyslogService;
  private urgent = new Set<string>();
  /** What syslog claimed about each announced device's change, until its pull (lead: into trailers/alert). */
  readonly syslogClaims = new Map<string, SyslogClaim>();
  private urgentTimer?: NodeJS.Timeout;
  private urgentStartedAt = 0;
  private readonly delivery: Delivery;
  private configWatch?: { stop(): void };
  private http?: HttpServer;

  private constructor(
    private readonly opts: DaemonOptions,
    private app: OpenApp,
  ) {
    // Delivery has its own loop with per-channel lanes and time limits: a hanging channel never delays a cycle.
    this.delivery = startDelivery({
      outbox: app.state.outbox,
      channels: () => channelMap(this.cfg.alerts),
      senders: opts.senders ?? defaultSenders,
      clock: app.clock,
      log: opts.log,
      intervalMs: opts.retryIntervalMs ?? 15_000,
      onSettled: (e) => metrics.alertDelivered(e.channel, e.outcome),
    });
  }

  static async start(opts: DaemonOptions): Promise<Daemon> {
    const cfg = loadConfigFile(opts.configFile);
    const app = await openApp(cfg, { log: opts.log, clock: opts.now, senders: opts.senders, fingerprintKey: true });
    const daemon = new Daemon(opts, app);
    daemon.schedule();
    daemon.watchInventory(opts.inventoryRefreshMs ?? 60_000);
    opts.log.info({ config: cfg.file, devices: cfg.devices.length, schedule: cfg.schedule }, 'driftwatch daemon started');
    if (cfg.syslog) await daemon.startSyslog();
    // The API and review page: its own state connection, bounded git reads (src/http/server.ts).
    if (cfg.http) {
      try {
        // Loaded only when configured: the other commands never pay for fastify.
        const { startHttpServer } = await import('../http/server.js');
        daemon.http = await startHttpServer({ config: () => daemon.cfg, archive: app.archive, log: opts.log, now: opts.now });
      } catch (err) {
        await daemon.stop();
        throw err;
      }
    }
    if (cfg.run_at_start) daemon.trigger({ expression: 'start', label: 'start', devices: cfg.devices });
    else daemon.delivery.kick();
    return daemon;
  }

  private get cfg(): Config {
    return this.app.cfg;
  }

  /** Base URL of the HTTP server, when `http` is configured. */
  get httpUrl(): string | undefined {
    return this.http?.url;
  }

  private async startSyslog(): Promise<void> {
    // The receiver debounces per device and rate-limits per sender (src/syslog); a settled burst lands here.
    this.syslog = await startSyslogService(this.cfg, { db: this.app.state.db, log: this.opts.log, onPull: (d, claim) => this.onConfigChangeMessage(d.name, claim) });
  }

  /** Port of the first syslog listener (tests bind port 0); all of them in syslogAddresses. */
  get syslogPort(): number | undefined {
    return this.syslog?.addresses[0]?.port;
  }

  get syslogAddresses(): SyslogService['addresses'] {
    return this.syslog?.addresses ?? [];
  }

  get syslogService(): SyslogService | undefined {
    return this.syslog;
  }

  /** A device's announced change settled: pull it now (devices settling together share one pull). */
  private onConfigChangeMessage(device: string, claim: SyslogClaim): void {
    traceStage('syslog-settled', () => [device]);
    this.urgent.add(device);
    this.syslogClaims.set(device, claim);
    clearTimeout(this.urgentTimer);
    // Already debounced by the receiver: pull at once (same-tick announcements share one pull).
    this.urgentTimer = setTimeout(() => this.pullUrgent(), 0);
  }

  /** Pull the devices announced by syslog now: a small cycle of its own, beside any running one. */
  private pullUrgent(): void {
    if (this.stopping || !this.urgent.size) return;
    // One syslog pull at a time, the devices announced meanwhile joining the next: their git commits
    // queue in the store anyway, so one pull per device (each its own cycle, reconcile and git batch)
    // made the 20th announcement of a burst wait for 19 commits (bench/detection.ts: p50 13 s at 1,000).
    const held = performance.now() - this.urgentStartedAt;
    if (this.urgentRuns.size && held < URGENT_HOLD_MS) {
      clearTimeout(this.urgentTimer);
      this.urgentTimer = setTimeout(() => this.pullUrgent(), URGENT_HOLD_MS - held);
      return;
    }
    this.urgentStartedAt = performance.now();
    const names = this.urgent;
    this.urgent = new Set();
    traceStage('urgent-start', () => [...names]);
    const claims = new Map<string, SyslogClaim>();
    for (const name of names) {
      const claim = this.syslogClaims.get(name);
      if (claim) claims.set(name, claim);
    }
    const run = this.runLocked(this.cfg.devices.filter((d) => names.has(d.name)), 'syslog', claims).finally(() => {
      this.urgentRuns.delete(run);
      if (this.urgent.size) {
        clearTimeout(this.urgentTimer);
        this.urgentTimer = setTimeout(() => this.pullUrgent(), 0);
      }
    });
    this.urgentRuns.add(run);
  }

  /** The inventory (today the YAML file) is re-read when it changes: no SIGHUP needed for a new device. */
  private watchInventory(intervalMs: number): void {
    this.configWatch = watchFile(this.opts.configFile, intervalMs, () => {
      this.opts.log.info('inventory file changed: refreshing');
      this.reload();
    });
  }


  private schedule(): void {
    for (const t of this.tasks) void t.stop();
    this.tasks = startSchedules(scheduleSlots(this.cfg), (slot) => this.trigger(slot));
    this.tasks.push(...startIntegritySchedule(this.cfg, () => this.checkIntegrity()));
  }

  private integrityRun?: Promise<void>;

  /** integrity.schedule: hash checks beside any cycle (they write no git), one run at a time. */
  checkIntegrity(): Promise<void> | undefined {
    if (this.stopping) return undefined;
    if (this.integrityRun) {
      this.opts.log.warn('previous integrity check still running; tick skipped');
      return undefined;
    }
    const started = performance.now();
    this.integrityRun = runIntegrity(this.app, this.cfg.devices, { signal: this.abort.signal })
      .then((r) => {
        const count = (s: string) => r.outcomes.filter((o) => o.status === s).length;
        this.opts.log.info(
          { devices: r.outcomes.length, match: count('match'), mismatch: count('mismatch'), unknown: count('unknown-image'), failed: count('error'), alerts: r.alerts.length, seconds: Math.round(performance.now() - started) / 1000 },
          'integrity check done',
        );
        if (r.alerts.length) this.delivery.kick();
      })
      .catch((err) => this.opts.log.error({ err: (err as Error).message }, 'integrity check failed'))
      .finally(() => {
        this.integrityRun = undefined;
      });
    return this.integrityRun;
  }

  /** Start a scheduled cycle unless one is running (a skipped tick is logged). */
  trigger(slot: ScheduleSlot): boolean {
    if (this.stopping) return false;
    if (this.running) {
      this.opts.log.warn({ schedule: slot.label }, 'previous cycle still running; tick skipped');
      return false;
    }
    this.running = this.runLocked(slot.devices, slot.label).finally(() => {
      this.running = undefined;
    });
    return true;
  }

  /** One cycle holding the writer lock (a manual `pull` holding it makes this tick skip). */
  private async runLocked(devices: readonly Device[], label: string, claims?: ReadonlyMap<string, SyslogClaim>): Promise<void> {
    try {
      await withWriterLock(this.cfg.state, { waitMs: 0, command: 'daemon' }, () => this.cycle(devices, label, claims));
    } catch (err) {
      if (err instanceof LockedError) this.opts.log.warn({ schedule: label }, `${err.message}; this cycle is skipped`);
      else this.opts.log.error({ err: (err as Error).message, stack: (err as Error).stack }, 'cycle failed');
    }
  }

  private async cycle(devices: readonly Device[], label: string, claims?: ReadonlyMap<string, SyslogClaim>): Promise<void> {
    const started = performance.now();
    // Beside a running scheduled cycle, reconciling would cost git reads and take that cycle's
    // not-yet-recorded commits for a crash's (a false "after a crash?" warning).
    const report = await runCycle(this.app, devices, { signal: this.abort.signal, claims, skipReconcile: !!claims && !!this.running, urgent: !!claims });
    const failed = report.results.filter((r) => r.result === 'failed').length;
    const changed = report.results.filter((r) => r.result === 'changed').length;
    for (const r of report.results) if (r.result === 'changed' || r.result === 'unchanged' || r.result === 'failed') metrics.pullFinished(r.result, r.errorKind, r.durationMs / 1000);
    metrics.cycleFinished((performance.now() - started) / 1000, this.app.clock());
    this.opts.log.info(
      { schedule: label, devices: devices.length, changed, failed, alerts: report.alerts.length, open_drift: report.openDrift.length, seconds: Math.round(performance.now() - started) / 1000 },
      'cycle done',
    );
    if (report.alerts.length) this.delivery.kick();
    this.prune();
  }

  /** Keep the state file bounded: 10,000 devices every 15 minutes is ~1 million pull rows a week. */
  private prune(): void {
    const before = new Date(this.app.clock().getTime() - this.cfg.retention_days * 86_400_000);
    const pulls = this.app.state.prunePulls(before);
    const alerts = this.app.state.pruneOutbox(before);
    if (pulls || alerts) this.opts.log.info({ pulls, alerts, before: before.toISOString() }, 'pruned old history from the state file');
  }

  /** SIGHUP: re-read the config; keep the running one when the new one is invalid. */
  reload(): boolean {
    try {
      const next = loadConfigFile(this.opts.configFile);
      if (next.store !== this.cfg.store || next.state !== this.cfg.state) {
        this.opts.log.warn('store/state paths changed: restart the daemon to use them; other settings reloaded');
        next.store = this.cfg.store;
        next.state = this.cfg.state;
      }
      if (JSON.stringify(next.syslog?.listen) !== JSON.stringify(this.cfg.syslog?.listen)) this.opts.log.warn('syslog.listen changed: restart the daemon to listen elsewhere');
      void this.syslog?.updateDevices(next.devices).catch(() => {});
      this.app = { ...this.app, cfg: next };
      this.schedule();
      this.opts.log.info({ devices: next.devices.length }, 'config reloaded');
      return true;
    } catch (err) {
      const detail = err instanceof ConfigError ? err.problems.map(formatProblem) : [(err as Error).message];
      this.opts.log.error({ problems: detail }, 'new config is invalid; keeping the running config');
      return false;
    }
  }

  /** SIGTERM: stop scheduling, let in-flight pulls finish for up to drainMs, then abort them. */
  async stop(): Promise<void> {
    this.stopping = true;
    const drainMs = this.opts.drainMs ?? 10_000;
    for (const t of this.tasks) void t.stop();
    clearTimeout(this.urgentTimer);
    this.configWatch?.stop();
    await this.syslog?.close();
    await this.http?.close();
    const inFlight = [this.running, ...this.urgentRuns, this.integrityRun].filter(Boolean) as Array<Promise<void>>;
    const [, drained] = await Promise.all([
      this.delivery.stop(drainMs),
      Promise.race([Promise.all(inFlight).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), drainMs).unref())]),
    ]);
    if (!drained) {
      this.opts.log.warn('in-flight pulls not finished in time: aborting them');
      this.abort.abort('shutdown');
      await Promise.all(inFlight);
    }
    this.app.close();
    this.opts.log.info('driftwatch daemon stopped');
  }

  /** Deliver due alerts now and wait for the attempt (tests, `outbox retry`); the loop also runs on its own. */
  async retryNow(): Promise<void> {
    await deliverDue(this.app);
  }

  /** Resolves when the running cycles (if any) are done. */
  async idle(): Promise<void> {
    await Promise.all([this.running, ...this.urgentRuns]);
  }

  get config(): Config {
    return this.cfg;
  }
}

