/**
 * The compliance rule pack's share of cycle CPU, in real cycles against the simulated fleet.
 *   npm run bench:compliance [-- --devices 10000 --latency 50 --lines 1000 --concurrency 100]
 *   npm run bench:compliance -- --micro [--devices 300]   (per-device pack vs parse+mask, no SSH)
 *
 * Cycle mode runs four `pullAndDeliver` cycles (what `driftwatch pull` and the daemon run), with the
 * simulator in its own process: 1 first pull (every device evaluated), 2 nothing changed (every
 * device skipped by its input key), 3 1% changed, 4 a pack change (a new waiver changes the pack
 * fingerprint: every device evaluated again with unchanged configs, as after a pack upgrade or at
 * midnight UTC when the day in the input key turns).
 *   cycle CPU      = process.cpuUsage (user+system, every thread) of this process around the cycle;
 *                    the git child processes' CPU is reported beside it (git_children_cpu_s)
 *   compliance CPU = main-thread CPU inside the compliance probe (input key, evaluation,
 *                    transitions: `probeMeter` in src/app/cycle/compliance-probe.ts) + storing the
 *                    verdicts (ComplianceRepo.save, timed here by wrapping it)
 * One JSON object per cycle on stdout; a summary on stderr.
 */
// The code under test comes from dist/ (run `npm run build` first), as the daemon runs it: tsx's
// transform wraps every closure in a naming helper that costs more than some rules themselves.
import { mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SimProcess } from './sim-process.js';

const dist = (m: string) => import(new URL(`../dist/${m}`, import.meta.url).href);

interface Args {
  devices: number;
  latency: number;
  lines: number;
  concurrency: number;
  basePort: number;
  micro: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { devices: 1000, latency: 50, lines: 1000, concurrency: 100, basePort: 20000, micro: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => Number(argv[++i]);
    if (k === '--devices') a.devices = v();
    else if (k === '--latency') a.latency = v();
    else if (k === '--lines') a.lines = v();
    else if (k === '--concurrency') a.concurrency = v();
    else if (k === '--base-port') a.basePort = v();
    else if (k === '--micro') a.micro = true;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

const note = (s: string) => process.stderr.write(s + '\n');
const emit = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;

/** CPU time of the calling (main) thread in µs, from the scheduler's nanosecond count (Linux). */
const schedstat = openSync('/proc/thread-self/schedstat', 'r');
const statBuf = Buffer.alloc(128);
function threadCpuMicros(): number {
  const n = readSync(schedstat, statBuf, 0, statBuf.length, 0);
  const s = statBuf.toString('latin1', 0, n);
  return Number(s.slice(0, s.indexOf(' '))) / 1000;
}

/** CPU of waited-for child processes (git), in µs: not part of process.cpuUsage, reported beside it. */
function childrenCpuMicros(): number {
  const stat = readFileSync('/proc/self/stat', 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of proc(5) (cutime, cstime), in clock ticks (100 per second on Linux).
  return (Number(f[13]) + Number(f[14])) * 10_000;
}

async function cycles(a: Args): Promise<void> {
  const { parseConfig } = (await dist('config/load.js')) as typeof import('../src/config/load.js');
  const { createLogger } = (await dist('core/log.js')) as typeof import('../src/core/log.js');
  const { Archive } = (await dist('store/archive.js')) as typeof import('../src/store/archive.js');
  const { StateDb } = (await dist('store/state.js')) as typeof import('../src/store/state.js');
  const { pullAndDeliver } = (await dist('app/pull-now.js')) as typeof import('../src/app/pull-now.js');
  const { probeMeter } = (await dist('app/cycle/compliance-probe.js')) as typeof import('../src/app/cycle/compliance-probe.js');
  const { ComplianceRepo } = (await dist('state/compliance-repo.js')) as typeof import('../src/state/compliance-repo.js');

  // Sections are timed in the main thread's CPU time: process.cpuUsage() around a 1 ms call also
  // counts what GC helper threads and the libuv pool did meanwhile (it read 3-5x the evaluation).
  probeMeter.clock = threadCpuMicros;
  // Storing verdicts is part of the pack's cost: timed by wrapping the repository method.
  let saveMicros = 0;
  const save = ComplianceRepo.prototype.save;
  ComplianceRepo.prototype.save = function (this: InstanceType<typeof ComplianceRepo>, ...args: Parameters<typeof save>) {
    const start = threadCpuMicros();
    try {
      return save.apply(this, args);
    } finally {
      saveMicros += threadCpuMicros() - start;
    }
  };

  const sim = new SimProcess();
  const started = await sim.start(a);
  note(`simulator: ${a.devices} devices listening in ${(started.startMs / 1000).toFixed(1)} s (separate process)`);
  const width = String(a.devices).length;
  const hostname = (i: number) => `bench-${String(i + 1).padStart(width, '0')}`;
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-bench-compliance-'));
  const config = (waivers: object[]) =>
    parseConfig(
      stringify({
        store: './store',
        state: './state.db',
        concurrency: a.concurrency,
        timeouts: { connect: 30, auth: 30, command: 60, pull: 300 },
        credentials: { sim: { username: 'admin', password: 'admin' } },
        defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1' },
        devices: started.ports.map((port, i) => ({ name: hostname(i), port })),
        compliance: { waivers },
      }),
      join(dir, 'devices.yaml'),
    );
  let cfg = config([]);
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  const log = createLogger('silent');

  const labels = { 1: 'first pull', 2: 'no change', 3: '1% changed', 4: 'pack change' } as const;
  for (const cycle of [1, 2, 3, 4] as const) {
    if (cycle === 3) await sim.mutate(Array.from({ length: Math.ceil(a.devices / 100) }, (_, k) => k * 100), cycle);
    // A new waiver changes the context's fingerprint, so every input key changes.
    if (cycle === 4) cfg = config([{ rule: 'vty-ssh-only', device: 'bench-no-such-device', reason: 'bench: a pack change', expires: '2999-12-31' }]);
    const before = { ...probeMeter, save: saveMicros };
    const children = childrenCpuMicros();
    const t0 = performance.now();
    const cpu = process.cpuUsage();
    const report = await pullAndDeliver({ cfg, archive, state, log, clock: () => new Date() }, cfg.devices);
    const cycleMicros = cpuMicros(process.cpuUsage(cpu));
    const childMicros = childrenCpuMicros() - children;
    const wall = (performance.now() - t0) / 1000;
    const probe = probeMeter.micros - before.micros;
    const stored = saveMicros - before.save;
    const evaluated = probeMeter.evaluated - before.evaluated;
    const line = {
      bench: 'compliance',
      cycle: String(cycle),
      label: labels[cycle],
      devices: a.devices,
      wall_s: round(wall),
      failures: report.results.filter((r) => r.result === 'failed').length,
      cycle_cpu_s: round(cycleMicros / 1e6),
      git_children_cpu_s: round(childMicros / 1e6),
      compliance_cpu_s: round((probe + stored) / 1e6),
      probe_cpu_s: round(probe / 1e6),
      save_cpu_s: round(stored / 1e6),
      evaluated,
      skipped: probeMeter.skipped - before.skipped,
      compliance_ms_per_evaluated: evaluated ? round((probe + stored) / 1000 / evaluated) : 0,
      compliance_share_of_cycle_cpu: round((probe + stored) / cycleMicros),
      target: '<= 0.10',
      load_avg_1m: round(loadavg()[0]!, 2),
    };
    emit(line);
    note(
      `cycle ${cycle} (${labels[cycle]}): cycle CPU ${line.cycle_cpu_s} s, compliance ${line.compliance_cpu_s} s (probe ${line.probe_cpu_s}, save ${line.save_cpu_s}) ` +
        `= ${(line.compliance_share_of_cycle_cpu * 100).toFixed(1)}%, ${evaluated} evaluated, ${line.failures} failures, wall ${line.wall_s} s`,
    );
  }
  state.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Per-device CPU of the pack against the driver's parse + mask of the same config (no SSH, no cycle). */
async function micro(a: Args): Promise<void> {
  const { evaluateRules } = (await dist('compliance/engine.js')) as typeof import('../src/compliance/engine.js');
  const { loadPacks } = (await dist('compliance/pack-load.js')) as typeof import('../src/compliance/pack-load.js');
  const { ciscoIos } = (await dist('drivers/cisco_ios/index.js')) as typeof import('../src/drivers/cisco_ios/index.js');
  const { generateIosTranscript } = (await dist('sim/generate-ios.js')) as typeof import('../src/sim/generate-ios.js');
  const { answerFor } = (await dist('sim/transcript.js')) as typeof import('../src/sim/transcript.js');
  const { inputKey } = (await dist('compliance/pipeline.js')) as typeof import('../src/compliance/pipeline.js');
  const devices = a.devices;
  const rules = loadPacks().find((p) => p.name === 'cisa-2024-12')!.rules;
  const outputs = Array.from({ length: devices }, (_, i) => {
    const t = generateIosTranscript({ hostname: `bench${i}`, lines: a.lines, seed: i });
    return Object.fromEntries(ciscoIos.commands.map((c) => [c, answerFor(t, c + '\n') ?? '']));
  });
  const cpuMsPerDevice = (fn: (i: number) => unknown): number => {
    for (let i = 0; i < Math.min(devices, 50); i++) fn(i); // warm-up (JIT)
    let best = Infinity;
    for (let r = 0; r < 5; r++) {
      const start = process.cpuUsage();
      for (let i = 0; i < devices; i++) fn(i);
      best = Math.min(best, cpuMicros(process.cpuUsage(start)) / 1000 / devices);
    }
    return best;
  };
  const masked = outputs.map((o) => ciscoIos.maskSecrets(ciscoIos.parse(o).config));
  const parseMs = cpuMsPerDevice((i) => ciscoIos.maskSecrets(ciscoIos.parse(outputs[i]!).config));
  const packMs = cpuMsPerDevice((i) => evaluateRules(rules, { platform: 'cisco_ios', config: masked[i]!, facts: { os_version: '17.9.4a' } }));
  const ctx = { rules, byId: new Map(), waivers: [], fingerprint: 'bench' };
  const dev = { name: 'd', host: 'h', port: 22, platform: 'cisco_ios', tags: [], credentials: { username: 'u' }, credentialsName: 'c', ignore: [] };
  const when = new Date();
  const keyMs = cpuMsPerDevice((i) => inputKey(ctx, dev, { config: masked[i]!, facts: { os_version: '17.9.4a' } }, when));
  emit({
    bench: 'compliance-micro',
    devices,
    config_lines: masked[0]!.split('\n').length,
    rules: rules.length,
    parse_mask_cpu_ms_per_device: round(parseMs),
    pack_cpu_ms_per_device: round(packMs),
    pack_vs_parse_mask: round(packMs / parseMs, 2),
    unchanged_pull_key_cpu_ms_per_device: round(keyMs),
  });
}

const args = parseArgs(process.argv.slice(2));
note(`driftwatch compliance bench: ${args.devices} devices, ${args.lines}-line configs; machine ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await (args.micro ? micro(args) : cycles(args));
