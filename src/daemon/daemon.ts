/**
 * The long-running service: cycles on the cron schedule (never two at once), alert retries between
 * cycles, SIGTERM drains then aborts in-flight pulls within a bound, SIGHUP reloads the config
 * (a broken new config is logged and the old one kept).
 */
import type { ScheduledTask } from 'node-cron';
import { ConfigError, formatProblem, loadConfigFile } from '../config/load.js';
import type { Config, Device } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import { Archive } from '../store/archive.js';
import { StateDb } from '../store/state.js';
import { deliverAlerts, watchCycle } from '../watch/watch-cycle.js';
import type { Senders } from '../notify/types.js';
import { scheduleSlots, startSchedules, type ScheduleSlot } from './scheduler.js';
import { listenSyslog, type SyslogListener } from './syslog.js';
import type { HttpServer } from '../http/server.js';

export interface DaemonOptions {
  configFile: string;
  log: Logger;
  /** How long SIGTERM waits for in-flight pulls before aborting them. */
  drainMs?: number;
  /** Interval of outbox retries between cycles. */
  retryIntervalMs?: number;
  senders?: Senders;
  /** Clock (tests move it forward to reach alert retry times). */
  now?: () => Date;
}

export class Daemon {
  private cfg: Config;
  private tasks: ScheduledTask[] = [];
  private running?: Promise<void>;
  private abort = new AbortController();
  private retryTimer?: NodeJS.Timeout;
  private stopping = false;
  private syslog?: SyslogListener;
  private urgent = new Set<string>();
  private urgentTimer?: NodeJS.Timeout;
  private http?: HttpServer;

  private constructor(
    private readonly opts: DaemonOptions,
    cfg: Config,
    private readonly archive: Archive,
    private readonly state: StateDb,
  ) {
    this.cfg = cfg;
  }

  static async start(opts: DaemonOptions): Promise<Daemon> {
    const cfg = loadConfigFile(opts.configFile);
    const archive = await Archive.open(cfg.store);
    const state = StateDb.open(cfg.state);
    const daemon = new Daemon(opts, cfg, archive, state);
    daemon.schedule();
    daemon.retryTimer = setInterval(() => void daemon.retryAlerts(), opts.retryIntervalMs ?? 30_000);
    opts.log.info({ config: cfg.file, devices: cfg.devices.length, schedule: cfg.schedule }, 'driftwatch daemon started');
    if (cfg.syslog) await daemon.startSyslog(cfg.syslog.listen);
    // The API and review page: its own state connection, bounded git reads (src/http/server.ts).
    if (cfg.http) {
      try {
        // Loaded only when configured: the other commands never pay for fastify.
        const { startHttpServer } = await import('../http/server.js');
        daemon.http = await startHttpServer({ config: () => daemon.cfg, archive, log: opts.log, now: opts.now });
      } catch (err) {
        await daemon.stop();
        throw err;
      }
    }
    if (cfg.run_at_start) daemon.trigger({ expression: 'start', label: 'start', devices: cfg.devices });
    else void daemon.retryAlerts();
    return daemon;
  }

  private async startSyslog(listen: string): Promise<void> {
    this.syslog = await listenSyslog(listen, (source) => this.onConfigChangeMessage(source));
    this.opts.log.info({ listen, port: this.syslog.port }, 'listening for config-change syslog messages');
  }

  /** Base URL of the HTTP server, when `http` is configured. */
  get httpUrl(): string | undefined {
    return this.http?.url;
  }

  /** Port the syslog listener is bound to (tests bind port 0). */
  get syslogPort(): number | undefined {
    return this.syslog?.port;
  }

  /** A device (by source address) said its config changed: pull it soon, after a short debounce. */
  private onConfigChangeMessage(source: string): void {
    const devices = this.cfg.devices.filter((d) => d.host === source || d.host === source.replace(/^::ffff:/, ''));
    if (!devices.length) return;
    for (const d of devices) this.urgent.add(d.name);
    this.opts.log.info({ source, devices: devices.map((d) => d.name) }, 'config change announced by syslog');
    clearTimeout(this.urgentTimer);
    this.urgentTimer = setTimeout(() => this.pullUrgent(), (this.cfg.syslog?.debounce_seconds ?? 5) * 1000);
  }

  /** Pull the devices announced by syslog; if a cycle is running, right after it. */
  private pullUrgent(): void {
    if (this.stopping || !this.urgent.size) return;
    if (this.running) {
      void this.running.then(() => this.pullUrgent());
      return;
    }
    const names = this.urgent;
    this.urgent = new Set();
    this.trigger({ expression: 'syslog', label: 'syslog', devices: this.cfg.devices.filter((d) => names.has(d.name)) });
  }

  private schedule(): void {
    for (const t of this.tasks) void t.stop();
    this.tasks = startSchedules(scheduleSlots(this.cfg), (slot) => this.trigger(slot));
  }

  /** Start a cycle unless one is running (cycles never overlap; a skipped tick is logged). */
  trigger(slot: ScheduleSlot): boolean {
    if (this.stopping) return false;
    if (this.running) {
      this.opts.log.warn({ schedule: slot.label }, 'previous cycle still running; tick skipped');
      return false;
    }
    this.running = this.cycle(slot.devices, slot.label).finally(() => {
      this.running = undefined;
    });
    return true;
  }

  private async cycle(devices: readonly Device[], label: string): Promise<void> {
    const started = performance.now();
    try {
      const report = await watchCycle(this.cfg, devices, {
        archive: this.archive,
        state: this.state,
        log: this.opts.log,
        now: this.now,
        signal: this.abort.signal,
        senders: this.opts.senders,
      });
      const failed = report.results.filter((r) => r.result === 'failed').length;
      const changed = report.results.filter((r) => r.result === 'changed').length;
      this.opts.log.info(
        { schedule: label, devices: devices.length, changed, failed, alerts: report.alerts.length, open_drift: report.openDrift.length, seconds: Math.round(performance.now() - started) / 1000 },
        'cycle done',
      );
      this.prune();
    } catch (err) {
      this.opts.log.error({ err: (err as Error).message }, 'cycle failed');
    }
  }

  /** Keep the state file bounded: 10,000 devices every 15 minutes is ~1 million pull rows a week. */
  private prune(): void {
    const before = new Date(this.now().getTime() - this.cfg.retention_days * 86_400_000);
    const pulls = this.state.prunePulls(before);
    const alerts = this.state.pruneOutbox(before);
    if (pulls || alerts) this.opts.log.info({ pulls, alerts, before: before.toISOString() }, 'pruned old history from the state file');
  }

  private async retryAlerts(): Promise<void> {
    if (this.running || this.stopping) return;
    try {
      await deliverAlerts(this.cfg, { state: this.state, log: this.opts.log, now: this.now, senders: this.opts.senders });
    } catch (err) {
      this.opts.log.error({ err: (err as Error).message }, 'alert retry failed');
    }
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
      if (next.syslog?.listen !== this.cfg.syslog?.listen) this.opts.log.warn('syslog.listen changed: restart the daemon to listen elsewhere');
      this.cfg = next;
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
    for (const t of this.tasks) void t.stop();
    clearTimeout(this.urgentTimer);
    await this.syslog?.close();
    await this.http?.close();
    clearInterval(this.retryTimer);
    if (this.running) {
      const drained = await Promise.race([this.running.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), this.opts.drainMs ?? 10_000).unref())]);
      if (!drained) {
        this.opts.log.warn('in-flight pulls not finished in time: aborting them');
        this.abort.abort('shutdown');
        await this.running;
      }
    }
    this.state.close();
    this.opts.log.info('driftwatch daemon stopped');
  }

  private get now(): () => Date {
    return this.opts.now ?? (() => new Date());
  }

  /** Deliver due alerts now (also runs on a timer between cycles). */
  retryNow(): Promise<void> {
    return this.retryAlerts();
  }

  /** Resolves when the running cycle (if any) is done. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  get config(): Config {
    return this.cfg;
  }
}
