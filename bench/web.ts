/**
 * node --import tsx bench/web.ts [--devices 10000] [--runs 20]
 *
 * Server time of the fleet overview for a large fleet: a real state file with N devices (2% failing,
 * 5% drifted), the real HTTP server, a logged-in session. Measures GET / through fastify's request
 * injection (routing, session check, state reads, counts, filter and sort of all N, render of the
 * first page of 1000 rows): 'cold' right after another
 * connection wrote to the state file (the fleet list is rebuilt), 'warm' with unchanged state; wall
 * and CPU time (CPU time is what counts on a shared, loaded machine); and the pure render alone.
 * Target: overview under 300 ms server time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { createToken } from '../src/auth/tokens.js';
import { parseConfig } from '../src/config/load.js';
import { createLogger } from '../src/core/log.js';
import { countByState, filterDevices, worstFirst } from '../src/http/filters.js';
import { SESSION_COOKIE } from '../src/http/auth.js';
import { startHttpServer } from '../src/http/server.js';
import { TokensRepo } from '../src/state/tokens-repo.js';
import { Archive } from '../src/store/archive.js';
import { StateDb } from '../src/store/state.js';
import { renderOverview } from '../src/web/overview.js';

const { values } = parseArgs({ options: { devices: { type: 'string', default: '10000' }, runs: { type: 'string', default: '20' } } });
const N = Number(values.devices);
const RUNS = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'driftwatch-bench-web-'));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

try {
  const devices = Array.from({ length: N }, (_, i) => ({ name: `sw${String(i).padStart(5, '0')}`, host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, group: `site${i % 40}`, tags: [i % 3 ? 'access' : 'core', `dc${i % 4}`] }));
  const cfg = parseConfig(
    stringify({ store: './store', state: './state.db', credentials: { c: { username: 'u', password: 'p' } }, defaults: { platform: 'cisco_ios', credentials: 'c' }, devices, http: { listen: '127.0.0.1:0' } }),
    join(dir, 'devices.yaml'),
  );
  const state = StateDb.open(cfg.state);
  state.upsertDevices(cfg.devices.map((d) => ({ name: d.name, platform: d.platform, group: d.group, host: d.host, port: d.port, path: `${d.group}/${d.name}.cfg` })));
  const now = new Date();
  state.recordPulls(cfg.devices.map((d, i) => ({ device: d.name, startedAt: now, durationMs: 900, result: i % 50 === 0 ? 'failed' : 'unchanged', errorKind: i % 50 === 0 ? 'timeout' : undefined, error: i % 50 === 0 ? 'no answer' : undefined, commit: 'a'.repeat(40), facts: { model: 'C9300-48P', os_version: '17.9.4a', serial: `FOC${i}` } })));
  for (let i = 1; i < N; i += 20) state.openDrift({ device: cfg.devices[i]!.name, severity: i % 3 ? 'warning' : 'critical', baselineCommit: 'b'.repeat(40), currentCommit: 'a'.repeat(40), added: 3, removed: 1, diffHash: String(i) }, now);
  const archive = await Archive.open(cfg.store);
  const server = await startHttpServer({ config: () => cfg, archive, log: createLogger('silent') });
  const repo = new TokensRepo(state.db);
  const row = createToken(repo, { name: 'bench', role: 'viewer', now }).row;
  const session = server.sessions.create({ name: row.name, role: row.role, tokenId: row.id });

  // cold: another connection (the pull cycle) wrote just before, so the fleet list is rebuilt from state.
  const writer = StateDb.open(cfg.state);
  const get = async (cold: boolean) => {
    if (cold) writer.recordPulls([{ device: cfg.devices[0]!.name, startedAt: new Date(), durationMs: 1, result: 'unchanged' }]);
    const cpu = process.cpuUsage();
    const t = performance.now();
    const res = await server.app.inject({ method: 'GET', url: '/', headers: { cookie: `${SESSION_COOKIE}=${session.id}` } });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (res.statusCode !== 200) throw new Error(`GET / answered ${res.statusCode}`);
    return { ms, cpu: (used.user + used.system) / 1000, bytes: res.body.length };
  };
  const cold: Array<{ ms: number; cpu: number }> = [];
  const warm: Array<{ ms: number; cpu: number }> = [];
  let bytes = 0;
  for (let r = 0; r < RUNS + 3; r++) {
    const c = await get(true);
    const w = await get(false);
    bytes = c.bytes;
    if (r >= 3) { cold.push(c); warm.push(w); } // the first runs warm the JIT
  }
  writer.close();

  const { createReviewPort } = await import('../src/http/port-adapter.js');
  const port = createReviewPort({ config: () => cfg, state, archive, now: () => new Date() });
  const all = port.listDevices();
  const render: number[] = [];
  for (let r = 0; r < RUNS + 3; r++) {
    const t = performance.now();
    renderOverview({ frame: { title: 'Overview' }, counts: countByState(all), devices: worstFirst(filterDevices(all, {})), page: 1, perPage: N, filter: {}, groups: [], tags: [] });
    if (r >= 3) render.push(performance.now() - t);
  }
  const med = (xs: Array<{ ms: number; cpu: number }>, k: 'ms' | 'cpu', q = 0.5) => +quantile(xs.map((x) => x[k]), q).toFixed(1);
  const out = {
    bench: 'web-overview',
    devices: N,
    runs: RUNS,
    cold_ms_median: med(cold, 'ms'),
    cold_ms_p95: med(cold, 'ms', 0.95),
    cold_cpu_ms_median: med(cold, 'cpu'),
    warm_ms_median: med(warm, 'ms'),
    warm_cpu_ms_median: med(warm, 'cpu'),
    render_ms_median: +quantile(render, 0.5).toFixed(1),
    html_bytes: bytes,
    target_ms: 300,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.stderr.write(
    `overview of ${N} devices: GET / after a state write ${out.cold_ms_median} ms median (p95 ${out.cold_ms_p95}, CPU ${out.cold_cpu_ms_median} ms); ` +
      `unchanged state ${out.warm_ms_median} ms (CPU ${out.warm_cpu_ms_median} ms); pure render ${out.render_ms_median} ms; ${(bytes / 1e6).toFixed(1)} MB of HTML\n`,
  );
  await server.close();
  state.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
