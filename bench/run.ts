/**
 * npm run bench [-- --devices 10000 --latency 50 --lines 1000 --concurrency 100 --peers]
 *   [--detection [--announce 20]]  (--detection-only: just the detection figure, bench/detection.ts)
 *
 * Starts the simulated fleet in a separate process, measures the raw ssh2 ceiling, then runs
 * three driftwatch cycles in this process (1: first pull, 2: no change, 3: 1% changed, drift
 * evaluated, alerts queued to a local webhook sink), a diff micro-benchmark, and optionally the
 * netmiko peer. One JSON object per line on stdout; human-readable text on stderr.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { parseConfig } from '../src/config/load.js';
import { createLogger } from '../src/core/log.js';
import { Archive } from '../src/store/archive.js';
import { StateDb } from '../src/store/state.js';
import { pullAndDeliver } from '../src/app/pull-now.js';
import { rawThroughput } from './raw-ssh.js';
import { diffMicrobench } from './diff-micro.js';
import { runNetmikoPeer } from './peer-netmiko.js';
import { runDetection } from './detection.js';
import { SimProcess } from './sim-process.js';

interface Args {
  devices: number;
  latency: number;
  lines: number;
  concurrency: number;
  basePort: number;
  peers: boolean;
  keep: boolean;
  detection: 'no' | 'also' | 'only';
  announce: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { devices: 1000, latency: 50, lines: 1000, concurrency: 100, basePort: 20000, peers: false, keep: false, detection: 'no', announce: 20 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => Number(argv[++i]);
    if (k === '--devices') a.devices = v();
    else if (k === '--latency') a.latency = v();
    else if (k === '--lines') a.lines = v();
    else if (k === '--concurrency') a.concurrency = v();
    else if (k === '--base-port') a.basePort = v();
    else if (k === '--peers') a.peers = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--detection') a.detection = 'also';
    else if (k === '--detection-only') a.detection = 'only';
    else if (k === '--announce') a.announce = v();
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

const note = (s: string) => process.stderr.write(s + '\n');
const emit = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const quantile = (xs: number[], q: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Peak RSS while `fn` runs (sampled), in MB. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage();
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  };
  const timer = setInterval(sample, 100);
  try {
    const value = await fn();
    sample();
    if (process.env.BENCH_MEMORY) {
      note(`  at peak: rss ${mb(peak.rss)} heapTotal ${mb(peak.heapTotal)} heapUsed ${mb(peak.heapUsed)} external ${mb(peak.external)} arrayBuffers ${mb(peak.arrayBuffers)} MB`);
      (globalThis as { gc?: () => void }).gc?.();
      note(`  after the cycle, after a full GC: heapUsed ${mb(process.memoryUsage().heapUsed)} MB`);
    }
    return { value, peak: peak.rss / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const cpuModel = cpus()[0]?.model ?? 'unknown cpu';
  note(`driftwatch bench: ${a.devices} devices, ${a.latency} ms latency, ${a.lines}-line configs, concurrency ${a.concurrency}`);
  note(`machine: ${cpus().length} x ${cpuModel}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);

  const sim = new SimProcess();
  const started = await sim.start(a);
  note(`simulator: ${a.devices} devices listening in ${(started.startMs / 1000).toFixed(1)} s (separate process)`);
  const targets = started.ports.map((port) => ({ host: '127.0.0.1', port }));
  const width = String(a.devices).length;
  const hostname = (i: number) => `bench-${String(i + 1).padStart(width, '0')}`;
  const detection = async (dir: string) => {
    const d = await runDetection({ dir, targets, hostname, mutate: (ix, r) => sim.mutate(ix, r), concurrency: a.concurrency, announce: a.announce, note });
    emit(d);
    note(`detection: ${d.alerted}/${d.announced} alerted (${d.via_syslog} by the syslog pull), message to outbox p50 ${d.p50_s} s p99 ${d.p99_s} s, to webhook p99 ${d.delivered_p99_s} s (debounce ${d.debounce_s} s)`);
    const b = d.breakdown;
    note(`  running cycle ${d.running_cycle_s} s, event-loop delay p99 ${d.loop_delay_p99_ms} ms (max ${d.loop_delay_max_ms} ms)`);
    note(`  stages p50/max s: ${Object.entries(b.stages).map(([k, v]) => `${k} ${v.p50}/${v.max}`).join(', ')}`);
    note(`  store batches: small ${JSON.stringify(b.store_batches.small)}, large ${JSON.stringify(b.store_batches.large)}`);
    note(`  scheduled cycle's decisions ${b.scheduled_decisions_s} s (waited ${b.scheduled_decisions_wait_s} s): ${JSON.stringify(b.scheduled_steps_s)}`);
  };
  if (a.detection === 'only') {
    const dir = mkdtempSync(join(tmpdir(), 'driftwatch-bench-'));
    await detection(dir);
    await sim.stop();
    if (!a.keep) rmSync(dir, { recursive: true, force: true });
    return;
  }

  // The ceiling: raw ssh2.
  let simCpu = (await sim.cpu()).cpu_s;
  let cpu = process.cpuUsage();
  const raw = await rawThroughput(targets, a.concurrency, (i) => `${hostname(i)}#`);
  const rawCpu = process.cpuUsage(cpu);
  const rawRate = targets.length / raw.wall_s;
  let simNow = (await sim.cpu()).cpu_s;
  emit({
    cycle: 'raw', devices: a.devices, concurrency: a.concurrency, wall_s: round(raw.wall_s), devices_per_s: round(rawRate, 1),
    p50_s: round(quantile(raw.durations, 0.5)), p99_s: round(quantile(raw.durations, 0.99)),
    cpu_s: round((rawCpu.user + rawCpu.system) / 1e6), sim_cpu_s: round(simNow - simCpu), peak_rss_mb: round(process.memoryUsage().rss / 1048576, 0),
    commits: 0, failures: raw.failures, ratio_to_raw: 1,
  });
  note(`raw ssh2: ${rawRate.toFixed(1)} devices/s`);
  simCpu = simNow;

  // A local alert sink (webhook) for cycle 3.
  let alertsReceived = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      alertsReceived++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-bench-'));
  const cfg = parseConfig(
    stringify({
      store: './store',
      state: './state.db',
      concurrency: a.concurrency,
      timeouts: { connect: 30, auth: 30, command: 60, pull: 300 },
      credentials: { sim: { username: 'admin', password: 'admin' } },
      defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1' },
      devices: targets.map((t, i) => ({ name: hostname(i), port: t.port })),
      alerts: [{ type: 'webhook', url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/alerts` }],
    }),
    join(dir, 'devices.yaml'),
  );
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  const log = createLogger('silent');

  for (const cycle of [1, 2, 3] as const) {
    let changed: number[] = [];
    if (cycle === 3) {
      const step = 100;
      changed = Array.from({ length: Math.ceil(a.devices / step) }, (_, k) => k * step);
      await sim.mutate(changed, cycle);
    }
    cpu = process.cpuUsage();
    const before = alertsReceived;
    const t0 = performance.now();
    const { value: report, peak } = await withPeakRss(() => pullAndDeliver({ cfg, archive, state, log, clock: () => new Date() }, cfg.devices));
    const wall = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    simNow = (await sim.cpu()).cpu_s;
    const durations = report.results.map((r) => r.durationMs / 1000);
    const rate = a.devices / wall;
    const line: Record<string, unknown> = {
      cycle: String(cycle), devices: a.devices, concurrency: a.concurrency, wall_s: round(wall), devices_per_s: round(rate, 1),
      p50_s: round(quantile(durations, 0.5)), p99_s: round(quantile(durations, 0.99)),
      cpu_s: round((used.user + used.system) / 1e6), sim_cpu_s: round(simNow - simCpu), peak_rss_mb: round(peak, 0),
      commits: report.results.filter((r) => r.result === 'changed').length, failures: report.results.filter((r) => r.result === 'failed').length,
      ratio_to_raw: round(rate / rawRate, 2),
    };
    if (cycle === 3) {
      const alerted = new Set(report.alerts.filter((x) => x.kind === 'drift-new').map((x) => x.device.name));
      line.changed = changed.length;
      line.alerted = changed.filter((i) => alerted.has(hostname(i))).length;
      line.delivered = alertsReceived - before;
    }
    emit(line);
    note(`cycle ${cycle}: ${wall.toFixed(1)} s, ${rate.toFixed(1)} devices/s (${(rate / rawRate * 100).toFixed(0)}% of raw), ${line.failures} failures, peak RSS ${peak.toFixed(0)} MB`);
    const failed = report.results.find((r) => r.result === 'failed');
    if (failed) note(`  first failure: ${failed.device.name} ${failed.errorKind}: ${failed.error}`);
    simCpu = simNow;
  }
  state.close();

  const micro = diffMicrobench();
  emit({ cycle: 'diff-micro', ...micro });
  note(`diff of a ${micro.lines}-line config with ${micro.changed_lines} changed lines: ${micro.ms_median} ms (median of ${micro.runs})`);

  if (a.peers) {
    const peer = runNetmikoPeer(targets, dir, note);
    if (peer) {
      emit({ cycle: 'peer-netmiko', devices: a.devices, concurrency: 100, ...peer, ratio_to_raw: round(peer.devices_per_s / rawRate, 2) });
      note(`netmiko (100 threads): ${peer.devices_per_s} devices/s`);
    }
  }

  if (a.detection === 'also') await detection(dir);
  sink.close();
  await sim.stop();
  if (!a.keep) rmSync(dir, { recursive: true, force: true });
  else note(`kept ${dir}`);
}

await main();
