/**
 * SIGHUP at start: Node's default action for SIGHUP is to die, and loading the CLI and opening the
 * store takes a while. The daemon gets SIGHUP at a random moment in its first 1.5 s and must stay
 * up (the 1.5 s count from the launcher's first line: before Node runs any JS nothing can catch a
 * signal; that window is measured and reported), reload on a later SIGHUP, and exit 0 on SIGTERM. Every other run sends SIGTERM at start
 * instead: the daemon must exit 0 by itself.
 */
import type { FaultCase } from '../lib/case.js';
import { FaultFleet } from '../lib/fleet.js';
import { readFileSync } from 'node:fs';
import { sleep, startCli, until } from '../lib/proc.js';

export const sighupAtStart: FaultCase = {
  name: 'signals-at-start',
  runs: 10,
  describe: 'SIGHUP (or SIGTERM) in the first 1.5 s of the daemon',
  async run(ctx) {
    const fleet = await FaultFleet.start({ devices: 2, extra: { schedule: '0 0 1 1 *' } });
    let hups = 0;
    let preJs = 0;
    let terms = 0;
    try {
      for (let i = 0; i < ctx.runs; i++) {
        const term = i % 2 === 1;
        let tag = `run ${i + 1} (${term ? 'SIGTERM' : 'SIGHUP'}`;
        const daemon = startCli(['daemon', '--drain', '2'], fleet.dir);
        // Before Node runs the first line of bin/driftwatch.js nothing can catch a signal: the window
        // starts when the launcher's handler is installed (SIGHUP appears in /proc/<pid>/status SigCgt).
        const t0 = Date.now();
        if (!(await until(() => catchesSighup(daemon.child.pid!), 30_000, 1))) {
          ctx.violation(`run ${i + 1}: the daemon never installed a SIGHUP handler`);
          daemon.child.kill('SIGKILL');
          await daemon.done;
          continue;
        }
        preJs = Math.max(preJs, Date.now() - t0);
        const delay = Math.round(Math.random() * 1500);
        await sleep(delay);
        daemon.child.kill(term ? 'SIGTERM' : 'SIGHUP');
        tag += ` at ${delay} ms)`;
        if (term) {
          terms++;
          const timer = setTimeout(() => daemon.child.kill('SIGKILL'), 60_000);
          const exit = await daemon.done;
          clearTimeout(timer);
          if (exit.code !== 0) ctx.violation(`${tag}: exit ${exit.code ?? exit.signal}: ${exit.stderr.slice(-300)}`);
          continue;
        }
        hups++;
        const started = await until(() => daemon.stderr().includes('driftwatch daemon started') || daemon.child.exitCode !== null || daemon.child.signalCode !== null, 30_000);
        await sleep(300);
        if (!started || daemon.child.exitCode !== null || daemon.child.signalCode !== null) {
          ctx.violation(`${tag}: daemon died (${daemon.child.signalCode ?? daemon.child.exitCode}): ${daemon.stderr().slice(-300)}`);
          continue;
        }
        daemon.child.kill('SIGHUP');
        if (!(await until(() => daemon.stderr().includes('config reloaded'), 20_000))) ctx.violation(`${tag}: a SIGHUP after start did not reload`);
        daemon.child.kill('SIGTERM');
        const exit = await daemon.done;
        if (exit.code !== 0) ctx.violation(`${tag}: exit ${exit.code ?? exit.signal} on SIGTERM`);
      }
      ctx.figure('sighup', hups);
      ctx.figure('sigterm', terms);
      ctx.figure('pre_js_window_ms_max', preJs);
    } finally {
      await fleet.close();
    }
  },
};

/** Whether the process has a handler for SIGHUP (bit 0 of SigCgt). */
function catchesSighup(pid: number): boolean {
  try {
    const m = /SigCgt:\s*([0-9a-f]+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? (BigInt('0x' + m[1]) & 1n) === 1n : false;
  } catch {
    return false;
  }
}
