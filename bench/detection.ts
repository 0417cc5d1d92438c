/**
 * Detection latency (issue 9 point 5): the real daemon (config file, syslog receiver on UDP,
 * delivery loop) watches the benchmark fleet. After a first cycle sets the baselines, a second
 * scheduled cycle runs; while it runs, `announce` devices change their config and send a
 * `%SYS-5-CONFIG_I` from 127.0.0.1 naming themselves in the message hostname (every sim device
 * shares that address, so sender-match.ts narrows by hostname). Measured per device: from the
 * datagram's send to the first drift alert row in the outbox (`created_at`), and to its arrival
 * at a loopback webhook. Devices announced early are ones the cycle reaches late and vice versa,
 * so both "the cycle would get there" and "the cycle already passed it" are covered.
 */
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { Daemon } from '../src/daemon/daemon.js';
import { createLogger } from '../src/core/log.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { StageRecorder } from './detection-stages.js';

export interface DetectionDeps {
  dir: string;
  targets: ReadonlyArray<{ host: string; port: number }>;
  hostname(i: number): string;
  /** Change these devices' running-config in the simulator (a new privilege-15 user). */
  mutate(indices: number[], round: number): Promise<unknown>;
  concurrency: number;
  /** How many devices announce a change during the running cycle. */
  announce: number;
  note(s: string): void;
}

export interface DetectionFigures {
  cycle: 'detection';
  devices: number;
  concurrency: number;
  announced: number;
  /** Announcements sent while the scheduled cycle was running (should equal `announced`). */
  during_cycle: number;
  alerted: number;
  /** Alerts that carry the syslog claim (i.e. came from the syslog-triggered pull). */
  via_syslog: number;
  debounce_s: number;
  p50_s: number;
  p99_s: number;
  max_s: number;
  delivered_p50_s: number;
  delivered_p99_s: number;
  baseline_cycle_s: number;
  running_cycle_s: number;
  /** Event-loop delay of the daemon's process while the scheduled cycle ran (ms). */
  loop_delay_p50_ms: number;
  loop_delay_p99_ms: number;
  loop_delay_max_ms: number;
  /** Where the time went (bench/detection-stages.ts). */
  breakdown: ReturnType<StageRecorder['summary']>;
}

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number) => Math.round(x * 1000) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An RFC 3164 line as IOS sends it with `logging origin-id hostname`. */
export function configChangeLine(host: string, at: Date): string {
  const mon = at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const stamp = `${mon} ${String(at.getUTCDate()).padStart(2, ' ')} ${at.toISOString().slice(11, 19)}`;
  return `<189>${stamp} ${host} 1: %SYS-5-CONFIG_I: Configured from console by bench on vty0 (10.0.0.9)`;
}

/** Devices to change, in announcement order: evenly spread over the fleet, late ones first. */
export function announcedIndices(devices: number, announce: number): number[] {
  const n = Math.min(announce, devices);
  return Array.from({ length: n }, (_, k) => Math.floor(((k + 0.5) * devices) / n)).reverse();
}

function webhookSink(onAlert: (device: string, at: number) => void): Promise<Server> {
  const sink = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { kind?: string; device?: { name?: string }; alert?: { kind?: string; device?: { name?: string } } };
        const a = body.alert ?? body;
        if (a.kind === 'drift-new' && a.device?.name) onAlert(a.device.name, at);
      } catch {
        // Not ours to judge: the figure is the outbox row.
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((r) => sink.listen(0, '127.0.0.1', () => r(sink)));
}

export async function runDetection(d: DetectionDeps): Promise<DetectionFigures> {
  const delivered = new Map<string, number>();
  const sink = await webhookSink((name, at) => {
    if (!delivered.has(name)) delivered.set(name, at);
  });
  const configFile = join(d.dir, 'detection.yaml');
  writeFileSync(
    configFile,
    stringify({
      store: './store-detection',
      state: './detection.db',
      schedule: '0 0 1 1 *', // never during the run: the bench starts the cycles itself
      run_at_start: true,
      concurrency: d.concurrency,
      timeouts: { connect: 30, auth: 30, command: 60, pull: 300 },
      credentials: { sim: { username: 'admin', password: 'admin' } },
      defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1' },
      devices: d.targets.map((t, i) => ({ name: d.hostname(i), port: t.port })),
      syslog: { listen: 'udp://127.0.0.1:0' },
      alerts: [{ type: 'webhook', url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/alerts` }],
    }),
  );
  let t0 = performance.now();
  const daemon = await Daemon.start({ configFile, log: createLogger(process.env.BENCH_LOG ?? 'silent'), retryIntervalMs: 1000 });
  await daemon.idle(); // cycle 1 at start: first pull, baselines set
  const baselineS = (performance.now() - t0) / 1000;
  d.note(`detection: baseline cycle ${baselineS.toFixed(1)} s`);

  const db = new Database(join(d.dir, 'detection.db'), { readonly: true, fileMustExist: true });
  const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM outbox').get() as { m: number }).m;
  const poll = db.prepare(`SELECT id, created_at, alert_json FROM outbox WHERE id > ? ORDER BY id`);
  const sent = new Map<string, number>();
  const sentPerf = new Map<string, number>();
  const recorder = new StageRecorder(d.targets.length);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const queued = new Map<string, { at: number; syslog: boolean }>();
  let seen = maxId;
  const drain = () => {
    for (const r of poll.all(seen) as Array<{ id: number; created_at: string; alert_json: string }>) {
      seen = r.id;
      const a = JSON.parse(r.alert_json) as { kind: string; device: { name: string }; attribution?: { syslog?: unknown } };
      if (a.kind === 'drift-new' && sent.has(a.device.name) && !queued.has(a.device.name)) queued.set(a.device.name, { at: Date.parse(r.created_at), syslog: !!a.attribution?.syslog });
    }
  };
  const poller = setInterval(drain, 20);

  // Cycle 2, the running one. Spread the announcements over half of the expected cycle time.
  let cycleRunning = true;
  t0 = performance.now();
  loopDelay.enable();
  daemon.trigger({ expression: 'bench', label: 'bench-detection', devices: [...daemon.config.devices] });
  const cycleDone = daemon.idle().then(() => {
    cycleRunning = false;
    loopDelay.disable();
    return (performance.now() - t0) / 1000;
  });
  const socket = createSocket('udp4');
  const port = daemon.syslogPort!;
  const order = announcedIndices(d.targets.length, d.announce);
  const spreadMs = (baselineS * 1000) / 2;
  let duringCycle = 0;
  for (const [k, i] of order.entries()) {
    const due = t0 + (k * spreadMs) / order.length;
    if (due > performance.now()) await sleep(due - performance.now());
    await d.mutate([i], 100 + k);
    const name = d.hostname(i);
    if (cycleRunning) duringCycle++;
    sent.set(name, Date.now());
    sentPerf.set(name, performance.now());
    socket.send(configChangeLine(name, new Date()), port, '127.0.0.1');
  }
  const runningS = await cycleDone;
  // The last announcements may still be in the debounce or their pull: wait (bounded) for them.
  const deadline = performance.now() + 120_000;
  while ((queued.size < sent.size || delivered.size < sent.size) && performance.now() < deadline) {
    await sleep(100);
    drain();
  }
  clearInterval(poller);
  await daemon.idle();
  await daemon.stop();
  recorder.stop();
  socket.close();
  sink.close();
  db.close();

  const latencies = [...queued].map(([name, q]) => (q.at - sent.get(name)!) / 1000);
  const deliveries = [...delivered].filter(([name]) => sent.has(name)).map(([name, at]) => (at - sent.get(name)!) / 1000);
  return {
    cycle: 'detection',
    devices: d.targets.length,
    concurrency: d.concurrency,
    announced: sent.size,
    during_cycle: duringCycle,
    alerted: queued.size,
    via_syslog: [...queued.values()].filter((q) => q.syslog).length,
    debounce_s: daemon.config.syslog?.debounce_seconds ?? NaN,
    p50_s: round(quantile(latencies, 0.5)),
    p99_s: round(quantile(latencies, 0.99)),
    max_s: round(Math.max(...latencies)),
    delivered_p50_s: round(quantile(deliveries, 0.5)),
    delivered_p99_s: round(quantile(deliveries, 0.99)),
    baseline_cycle_s: round(baselineS),
    running_cycle_s: round(runningS),
    loop_delay_p50_ms: round(loopDelay.percentile(50) / 1e6),
    loop_delay_p99_ms: round(loopDelay.percentile(99) / 1e6),
    loop_delay_max_ms: round(loopDelay.max / 1e6),
    breakdown: recorder.summary(new Map([...sentPerf].filter(([name]) => queued.get(name)?.syslog)), new Map([...queued].map(([name, q]) => [name, sentPerf.get(name)! + (q.at - sent.get(name)!)]))),
  };
}
