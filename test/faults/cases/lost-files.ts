/**
 * Lost files. State lost (the .db, -wal and -shm deleted): the next pull rebuilds the state from
 * the store, keeps the baseline refs, raises exactly one `state-rebuilt` alert, alerts the device
 * that really changed and no other. Store lost (the git folder deleted): the pull stops with a clear
 * error (exit 1) and sends nothing: no storm of false drift alerts.
 */
import type { FaultCase } from '../lib/case.js';
import { byKind } from '../lib/checks.js';
import { FaultFleet } from '../lib/fleet.js';
import { runCli } from '../lib/proc.js';
import { startReceiver } from '../lib/receiver.js';
import { rmSync } from 'node:fs';

export const stateLost: FaultCase = {
  name: 'state-lost',
  runs: 3,
  describe: 'state .db/-wal/-shm deleted between pulls, one device changed meanwhile',
  async run(ctx) {
    for (let i = 0; i < ctx.runs; i++) {
      const hook = await startReceiver();
      const fleet = await FaultFleet.start({ devices: 4, alerts: [{ type: 'webhook', name: 'hook', url: hook.url }] });
      try {
        const first = await runCli(['pull'], fleet.dir);
        if (first.code !== 0) return ctx.violation(`first pull exit ${first.code}`);
        // An open drift before the loss too (run 2+): it cannot be recovered, but must be alerted again from the store.
        if (i > 0) {
          fleet.inject(fleet.sims[1]!, 'before');
          await runCli(['pull'], fleet.dir);
        }
        const refs = fleet.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/baselines');
        fleet.removeState();
        const changed = fleet.sims[0]!;
        fleet.inject(changed, 'lost');
        hook.alerts.length = 0;
        const r = await runCli(['pull'], fleet.dir);
        const where = `run ${i + 1}`;
        if (r.code !== 3) ctx.violation(`${where}: pull after state loss exit ${r.code} (expected 3, drift open): ${(r.stdout + r.stderr).slice(-300)}`);
        if (fleet.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/baselines') !== refs) ctx.violation(`${where}: baseline refs changed by the rebuild`);
        const kinds = byKind(hook.alerts);
        if (kinds['state-rebuilt'] !== 1) ctx.violation(`${where}: ${kinds['state-rebuilt'] ?? 0} state-rebuilt alerts (expected 1)`);
        const driftDevices = new Set(hook.alerts.filter((a) => a.kind.startsWith('drift-')).map((a) => a.device));
        const expected = new Set([changed.name, ...(i > 0 ? [fleet.sims[1]!.name] : [])]);
        for (const d of driftDevices) if (!expected.has(d)) ctx.violation(`${where}: false drift alert on unchanged ${d}`);
        for (const d of expected) if (!driftDevices.has(d)) ctx.violation(`${where}: drift on ${d} not alerted after the rebuild`);
        for (const p of fleet.stateAgreesWithStore()) ctx.violation(`${where}: ${p}`);
        // And the state is usable again: an unchanged pull alerts nothing new.
        hook.alerts.length = 0;
        const again = await runCli(['pull'], fleet.dir);
        if (again.code !== 3) ctx.violation(`${where}: second pull exit ${again.code}`);
        if (hook.alerts.length) ctx.violation(`${where}: ${hook.alerts.length} alerts on an unchanged pull after the rebuild (${Object.keys(byKind(hook.alerts))})`);
      } finally {
        await fleet.close();
        await hook.close();
      }
    }
  },
};

export const storeLost: FaultCase = {
  name: 'store-lost',
  runs: 3,
  describe: 'store folder deleted (and, run 2+, a device changed)',
  async run(ctx) {
    for (let i = 0; i < ctx.runs; i++) {
      const hook = await startReceiver();
      const fleet = await FaultFleet.start({ devices: 4, alerts: [{ type: 'webhook', name: 'hook', url: hook.url }] });
      try {
        const first = await runCli(['pull'], fleet.dir);
        if (first.code !== 0) return ctx.violation(`first pull exit ${first.code}`);
        rmSync(fleet.store, { recursive: true, force: true });
        if (i > 0) fleet.inject(fleet.sims[0]!, 'nostore');
        hook.alerts.length = 0;
        const where = `run ${i + 1}`;
        for (let k = 0; k < 2; k++) {
          const r = await runCli(['pull'], fleet.dir);
          if (r.code !== 1) ctx.violation(`${where}: pull with the store gone exit ${r.code} (expected 1)`);
          if (!/store/i.test(r.stderr) || /\n\s+at /.test(r.stderr)) ctx.violation(`${where}: unclear error (want one line naming the store, no stack): ${r.stderr.slice(0, 300)}`);
        }
        if (hook.alerts.length > 1) ctx.violation(`${where}: ${hook.alerts.length} alerts sent with the store gone (${JSON.stringify(byKind(hook.alerts))})`);
        if (hook.alerts.some((a) => a.kind.startsWith('drift-'))) ctx.violation(`${where}: false drift alert with the store gone`);
        if (i === 0) ctx.log(`store lost: ${(await runCli(['pull'], fleet.dir)).stderr.trim().split('\n')[0]}`);
      } finally {
        await fleet.close();
        await hook.close();
      }
    }
  },
};
