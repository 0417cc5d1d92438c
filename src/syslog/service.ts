/**
 * The syslog receiver wired from the config: sockets (receiver.ts) -> trigger (rate limit, parse,
 * match, recognise, debounce) -> events in state + `onPull(device, claim)`. The daemon starts it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Config, Device } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import { EventsRepo } from '../state/events-repo.js';
import type { SyslogClaim } from './claim.js';
import { listenList, parseListenAddress, type ListenAddress } from './listen-address.js';
import { startReceiver, type BoundAddress, type TlsMaterial } from './receiver.js';
import { SenderMatcher, type Lookup } from './sender-match.js';
import type { Timers } from './timers.js';
import { SyslogTrigger, type SyslogStats } from './trigger.js';

export interface SyslogServiceDeps {
  /** The state connection (StateDb.db): events are kept there. */
  db: Database.Database;
  log: Logger;
  onPull(device: Device, claim: SyslogClaim): void;
  timers?: Timers;
  lookup?: Lookup;
}

export interface SyslogService {
  addresses: BoundAddress[];
  stats: SyslogStats;
  events: EventsRepo;
  /** Devices whose burst has not settled yet (their pull is still to come). */
  readonly pendingPulls: number;
  /** After a config reload: match senders against the new inventory. */
  updateDevices(devices: readonly Device[]): Promise<void>;
  close(): Promise<void>;
}

export async function startSyslogService(cfg: Config, deps: SyslogServiceDeps): Promise<SyslogService> {
  const s = cfg.syslog;
  if (!s) throw new Error('syslog is not configured');
  const listen: ListenAddress[] = listenList(s.listen).map((text) => {
    const p = parseListenAddress(text);
    if (!p.ok) throw new Error(`syslog.listen: ${p.error}`);
    return p.address;
  });
  const events = new EventsRepo(deps.db);
  // Hostile peers can cause drops and stream errors at will: one log line a minute per kind.
  const lastLogged = new Map<string, number>();
  const quiet = (kind: string) => {
    const now = Date.now();
    if (now - (lastLogged.get(kind) ?? 0) < 60_000) return true;
    lastLogged.set(kind, now);
    return false;
  };
  const build = async (devices: readonly Device[]) => {
    const { matcher, unresolved } = await SenderMatcher.build(devices, deps.lookup);
    if (unresolved.length) deps.log.warn({ hosts: unresolved.slice(0, 20), count: unresolved.length }, 'syslog: device hosts that do not resolve are matched by message hostname only');
    return matcher;
  };
  const trigger = new SyslogTrigger<Device>({
    matcher: await build(cfg.devices),
    debounceMs: s.debounce_seconds * 1000,
    rate: { perSecond: s.rate_limit.messages_per_second, burst: s.rate_limit.burst },
    timers: deps.timers,
    onChange: (c) => {
      events.record(c);
      deps.log.info({ device: c.device, code: c.event.code, user: c.event.user, source: c.event.source, sender: c.sender, reported_by: 'syslog' }, 'config change announced by syslog');
    },
    onPull: deps.onPull,
    onDrop: (reason, sender) => {
      if (quiet(reason)) return;
      deps.log.info({ reason, sender, stats: trigger.stats }, 'syslog: messages dropped (logged once a minute per reason)');
    },
  });
  const receiver = await startReceiver(listen, {
    tls: s.tls ? readTls(cfg.file, s.tls) : undefined,
    onFrame: (frame, sender, transport) => trigger.handle(frame, sender, transport),
    onProblem: (transport, sender, problem) => {
      trigger.stats.streamErrors++;
      if (quiet(transport)) return;
      deps.log.warn({ transport, sender, problem: problem.slice(0, 200), stats: trigger.stats }, 'syslog: bad input dropped');
    },
  });
  deps.log.info({ listen: receiver.addresses }, 'listening for config-change syslog messages');
  // Age retention (the per-device cap is kept as events arrive): now and every hour.
  const prune = () => {
    try {
      events.prune(new Date(Date.now() - cfg.retention_days * 86_400_000));
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'syslog: pruning old events failed');
    }
  };
  prune();
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();
  return {
    addresses: receiver.addresses,
    stats: trigger.stats,
    events,
    get pendingPulls() {
      return trigger.pendingPulls;
    },
    updateDevices: async (devices) => trigger.setMatcher(await build(devices)),
    close: async () => {
      clearInterval(pruneTimer);
      trigger.stop();
      await receiver.close();
    },
  };
}

/** PEM files named in the config, relative to its folder. */
function readTls(configFile: string, tls: { cert: string; key: string; ca?: string }): TlsMaterial {
  const at = (p: string) => resolve(dirname(configFile), p);
  const read = (what: string, p: string) => {
    try {
      return readFileSync(at(p));
    } catch (err) {
      throw new Error(`syslog.tls.${what}: cannot read ${at(p)}: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
  };
  return { cert: read('cert', tls.cert), key: read('key', tls.key), ca: tls.ca ? read('ca', tls.ca) : undefined };
}
