/**
 * kill -9 of `driftwatch pull` at a random moment, and right after its git commit (the branch tip
 * moves, the state has not heard of it yet). After every kill: git fsck is clean, the next pull
 * succeeds, state and store agree, every injected change reached the webhook receiver, and no
 * event went out under two ids (a re-send after the crash carries the first id).
 */
import type { CaseContext, FaultCase } from '../lib/case.js';
import { idsConsistent, markersAlerted } from '../lib/checks.js';
import { FaultFleet } from '../lib/fleet.js';
import { runCli, startCli } from '../lib/proc.js';
import { startReceiver } from '../lib/receiver.js';

const okPull = (code: number | null) => code === 0 || code === 3;

async function killRuns(ctx: CaseContext, runs: number, mode: 'random' | 'commit'): Promise<void> {
  const hook = await startReceiver();
  const fleet = await FaultFleet.start({ devices: 3, alerts: [{ type: 'webhook', name: 'hook', url: hook.url }] });
  const markers = new Map<string, string>();
  try {
    const first = await runCli(['pull'], fleet.dir);
    if (first.code !== 0) return ctx.violation(`${mode}: first pull exit ${first.code}: ${first.stderr.slice(0, 200)}`);
    // How long a whole pull takes here: random kills land anywhere from process start to its exit.
    const t0 = Date.now();
    await runCli(['pull'], fleet.dir);
    const span = Math.max(300, Date.now() - t0);
    ctx.figure(`${mode}_pull_ms`, span);
    let killedAtCommit = 0;
    for (let i = 0; i < runs; i++) {
      const changed = fleet.sims.filter((_, k) => k === i % 3 || Math.random() < 0.3);
      for (const sim of changed) markers.set(fleet.inject(sim, mode), sim.name);
      const before = fleet.head();
      const run = startCli(['pull'], fleet.dir);
      if (mode === 'random') {
        setTimeout(() => run.child.kill('SIGKILL'), Math.random() * span * 1.1);
      } else {
        const poll = setInterval(() => {
          if (fleet.head() !== before) {
            run.child.kill('SIGKILL');
            killedAtCommit++;
            clearInterval(poll);
          }
        }, 1);
        void run.done.then(() => clearInterval(poll));
      }
      const exit = await run.done;
      const where = `${mode} run ${i + 1} (${exit.signal ?? `exit ${exit.code}`})`;
      const fsck = fleet.fsck();
      if (fsck) ctx.violation(`${where}: ${fsck}`);
      const next = await runCli(['pull'], fleet.dir);
      if (!okPull(next.code)) ctx.violation(`${where}: the next pull exit ${next.code}: ${(next.stdout + next.stderr).slice(-300)}`);
      if (/FAILED|protocol/.test(next.stdout)) ctx.violation(`${where}: the next pull reports a failed device: ${next.stdout.slice(0, 300)}`);
      for (const p of fleet.stateAgreesWithStore()) ctx.violation(`${where}: ${p}`);
      for (const p of markersAlerted(hook.alerts, markers)) ctx.violation(`${where}: ${p}`);
      markers.clear();
    }
    if (mode === 'commit') ctx.figure('killed_right_after_commit', killedAtCommit);
    for (const p of idsConsistent(hook.alerts)) ctx.violation(`${mode}: ${p}`);
    ctx.figure(`${mode}_alerts_received`, hook.alerts.length);
    ctx.figure(`${mode}_resent_same_id`, hook.alerts.length - new Set(hook.alerts.map((a) => a.id)).size);
  } finally {
    await fleet.close();
    await hook.close();
  }
}

export const killRandom: FaultCase = {
  name: 'kill-9-random',
  runs: 30,
  describe: 'kill -9 of pull at a random moment',
  run: async (ctx) => killRuns(ctx, ctx.runs, 'random'),
};

export const killAtCommit: FaultCase = {
  name: 'kill-9-after-commit',
  runs: 25,
  describe: 'kill -9 of pull as soon as the branch tip moves',
  run: async (ctx) => killRuns(ctx, ctx.runs, 'commit'),
};
