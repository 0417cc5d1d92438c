/**
 * The fault and hostile-input suite: `npm run faults` (needs `npm run build`). Every case attacks
 * the real CLI and daemon (bin/driftwatch.js as child processes) with simulated devices, real git,
 * real SQLite and real HTTP/SMTP receivers on 127.0.0.1, and counts broken invariants.
 *   FAULTS_SCALE=2     twice the runs of every case (default 1: 55 kills)
 *   FAULTS_CASES=kill  only the cases whose name contains one of the comma-separated words
 * Prints a table of case, runs, violations and one JSON line; exit 1 when any violation.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FaultCase } from './lib/case.js';
import { killAtCommit, killRandom } from './cases/kill.js';
import { twoWriters } from './cases/two-writers.js';
import { stateLost, storeLost } from './cases/lost-files.js';
import { stateDiskFull, storeDiskFull } from './cases/disk-full.js';
import { brokenChannels } from './cases/channels.js';
import { sighupAtStart } from './cases/signals.js';
import { hostileOutput } from './cases/hostile.js';

const CASES: FaultCase[] = [killRandom, killAtCommit, twoWriters, stateLost, storeLost, storeDiskFull, stateDiskFull, brokenChannels, sighupAtStart, hostileOutput];

interface Row {
  case: string;
  runs: number;
  violations: number;
  seconds: number;
  figures: Record<string, number | string>;
  details: string[];
}

async function main(): Promise<number> {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
    process.stderr.write('faults: dist/ is missing; run `npm run build` first\n');
    return 2;
  }
  const scale = Number(process.env.FAULTS_SCALE ?? 1) || 1;
  const only = (process.env.FAULTS_CASES ?? '').split(',').filter(Boolean);
  const rows: Row[] = [];
  const started = Date.now();
  for (const c of CASES.filter((c) => !only.length || only.some((w) => c.name.includes(w)))) {
    const row: Row = { case: c.name, runs: Math.max(1, Math.round(c.runs * scale)), violations: 0, seconds: 0, figures: {}, details: [] };
    const t0 = Date.now();
    process.stdout.write(`== ${c.name}: ${c.describe} (${row.runs} runs)\n`);
    try {
      const r = await c.run({
        runs: row.runs,
        violation: (what) => (row.violations++, row.details.push(what), process.stdout.write(`   VIOLATION ${what}\n`)),
        figure: (name, value) => (row.figures[name] = value),
        log: (line) => process.stdout.write(`   ${line}\n`),
      });
      if (r) row.runs = r.runs;
    } catch (err) {
      row.violations++;
      row.details.push(`case crashed: ${(err as Error).stack ?? err}`);
      process.stdout.write(`   VIOLATION case crashed: ${(err as Error).stack ?? err}\n`);
    }
    row.seconds = Math.round((Date.now() - t0) / 100) / 10;
    rows.push(row);
  }
  const total = Math.round((Date.now() - started) / 100) / 10;
  process.stdout.write(`\n${'case'.padEnd(26)} ${'runs'.padStart(5)} ${'violations'.padStart(10)} ${'seconds'.padStart(8)}  figures\n`);
  for (const r of rows) {
    const figures = Object.entries(r.figures).map(([k, v]) => `${k}=${v}`).join(' ');
    process.stdout.write(`${r.case.padEnd(26)} ${String(r.runs).padStart(5)} ${String(r.violations).padStart(10)} ${String(r.seconds).padStart(8)}  ${figures}\n`);
  }
  const violations = rows.reduce((n, r) => n + r.violations, 0);
  process.stdout.write(`total: ${rows.reduce((n, r) => n + r.runs, 0)} runs, ${violations} violations, ${total}s\n`);
  process.stdout.write(JSON.stringify({ faults: rows.map(({ details, ...r }) => ({ ...r, first_violations: details.slice(0, 3) })), violations, seconds: total }) + '\n');
  return violations ? 1 : 0;
}

process.exitCode = await main();
