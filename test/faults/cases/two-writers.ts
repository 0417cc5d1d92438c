/**
 * Two writers on one store and state: a daemon cycling every 2 s and manual `pull`s at the same
 * time, devices changing all along. A manual pull either runs or is refused with exit 1 naming the
 * daemon (the lock); no device ever fails as `protocol`, no event goes out under two ids, and every
 * change is alerted.
 */
import type { FaultCase } from '../lib/case.js';
import { idsConsistent, markersAlerted } from '../lib/checks.js';
import { FaultFleet } from '../lib/fleet.js';
import { runCli, sleep, startCli } from '../lib/proc.js';
import { startReceiver } from '../lib/receiver.js';

export const twoWriters: FaultCase = {
  name: 'two-writers',
  runs: 12,
  describe: 'daemon (every 2 s) and manual pulls at once',
  async run(ctx) {
    const hook = await startReceiver();
    const fleet = await FaultFleet.start({ devices: 3, alerts: [{ type: 'webhook', name: 'hook', url: hook.url }], extra: { schedule: '*/2 * * * * *' } });
    const markers = new Map<string, string>();
    try {
      // The first snapshot is the baseline: changes before it are not changes.
      const first = await runCli(['pull'], fleet.dir);
      if (first.code !== 0) return ctx.violation(`first pull exit ${first.code}: ${first.stderr.slice(0, 200)}`);
      const daemon = startCli(['daemon', '--drain', '5'], fleet.dir, { DRIFTWATCH_LOG_LEVEL: 'info' });
      let refused = 0;
      let ran = 0;
      for (let i = 0; i < ctx.runs; i++) {
        const sim = fleet.sims[i % fleet.sims.length]!;
        markers.set(fleet.inject(sim, 'writers'), sim.name);
        await sleep(Math.random() * 1500);
        const r = await runCli(['pull'], fleet.dir);
        if (r.code === 1 && /being written by driftwatch daemon/.test(r.stderr)) refused++;
        else if (r.code === 0 || r.code === 3) ran++;
        else ctx.violation(`manual pull ${i + 1}: exit ${r.code}: ${(r.stdout + r.stderr).slice(-300)}`);
        if (/protocol/.test(r.stdout)) ctx.violation(`manual pull ${i + 1} reports protocol: ${r.stdout.slice(0, 300)}`);
      }
      await sleep(2500); // one more daemon tick for the last change
      daemon.child.kill('SIGTERM');
      const d = await daemon.done;
      if (d.code !== 0) ctx.violation(`daemon exit ${d.code ?? d.signal}: ${d.stderr.slice(-300)}`);
      const cycles = d.stderr.split('\n').filter((l) => l.includes('"cycle done"')).length;
      for (const l of d.stderr.split('\n').filter((l) => /"protocol"|errorKind":"protocol|cycle failed/.test(l))) ctx.violation(`daemon log: ${l.slice(0, 300)}`);
      const last = await runCli(['pull'], fleet.dir);
      if (last.code !== 0 && last.code !== 3) ctx.violation(`final pull exit ${last.code}`);
      for (const p of markersAlerted(hook.alerts, markers)) ctx.violation(p);
      for (const p of idsConsistent(hook.alerts)) ctx.violation(p);
      for (const p of fleet.stateAgreesWithStore()) ctx.violation(p);
      const fsck = fleet.fsck();
      if (fsck) ctx.violation(fsck);
      ctx.figure('manual_ran', ran);
      ctx.figure('manual_refused_lock', refused);
      ctx.figure('daemon_cycles', cycles);
      ctx.figure('alerts', hook.alerts.length);
    } finally {
      await fleet.close();
      await hook.close();
    }
  },
};
