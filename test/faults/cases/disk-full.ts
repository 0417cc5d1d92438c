/**
 * Disk full under the store, and under the state (a 2 MB tmpfs filled with a file). Store full:
 * the devices were reached, so one `store-failing` alert and no device failing, no false
 * `pull-failing`; after space is freed the waiting change is committed and alerted. State full:
 * the pull fails with a clear message, nothing corrupts, and after space is freed the change is
 * alerted (not lost because the state write failed after the commit).
 */
import type { CaseContext, FaultCase } from '../lib/case.js';
import { byKind, distinctIds, idsConsistent, markersAlerted } from '../lib/checks.js';
import { FaultFleet } from '../lib/fleet.js';
import { runCli } from '../lib/proc.js';
import { startReceiver } from '../lib/receiver.js';
import { mountSmallDisk } from '../lib/tmpfs.js';
import { join } from 'node:path';

async function diskFull(ctx: CaseContext, where: 'store' | 'state'): Promise<{ runs: number }> {
  const disk = mountSmallDisk();
  if (typeof disk === 'string') {
    ctx.log(`SKIPPED: ${disk}`);
    ctx.figure('skipped', 'no tmpfs');
    return { runs: 0 };
  }
  const hook = await startReceiver();
  const paths = where === 'store' ? { store: join(disk.dir, 'store') } : { state: join(disk.dir, 'state.db') };
  const fleet = await FaultFleet.start({ devices: 3, alerts: [{ type: 'webhook', name: 'hook', url: hook.url }], ...paths });
  try {
    const first = await runCli(['pull'], fleet.dir);
    if (first.code !== 0) {
      ctx.violation(`${where}: first pull exit ${first.code}: ${first.stderr.slice(0, 300)}`);
      return { runs: 0 };
    }
    const allHours = new Set<string>();
    for (let i = 0; i < ctx.runs; i++) {
      const tag = `${where} run ${i + 1}`;
      const markers = new Map<string, string>();
      const sim = fleet.sims[i % fleet.sims.length]!;
      markers.set(fleet.inject(sim, `full${where}`), sim.name);
      disk.fill();
      for (let k = 0; k < 2; k++) {
        allHours.add(new Date().toISOString().slice(0, 13));
        const r = await runCli(['pull'], fleet.dir);
        allHours.add(new Date().toISOString().slice(0, 13));
        const out = r.stdout + r.stderr;
        if (where === 'store') {
          if (/FAILED/.test(r.stdout)) ctx.violation(`${tag}: a device reported FAILED with the store disk full: ${r.stdout.slice(0, 300)}`);
          if (r.code === 0) ctx.violation(`${tag}: exit 0 with snapshots not stored`);
        } else {
          if (r.code === 0 || r.code === 3) ctx.violation(`${tag}: exit ${r.code} with the state disk full`);
          if (!/full|SQLITE_FULL|ENOSPC|no space/i.test(out)) ctx.violation(`${tag}: unclear error with the state disk full: ${out.slice(-300)}`);
        }
        if (/\n\s+at .*\(/.test(r.stdout)) ctx.violation(`${tag}: stack trace on stdout`);
        if (k === 0 && i === 0) ctx.log(`${where} full, pull exit ${r.code}: ${out.trim().split('\n').filter((l) => !l.startsWith('{')).slice(-2).join(' | ').slice(0, 300)}`);
      }
      if (where === 'store') {
        // One alert per store problem and hour (its id is per hour: later runs in the same hour were already told).
        const n = distinctIds(hook.alerts, 'store-failing');
        if (n < 1 || n > allHours.size) ctx.violation(`${tag}: ${n} store-failing alerts so far (expected 1 per hour): ${JSON.stringify(byKind(hook.alerts))}`);
        if (hook.alerts.some((a) => a.kind === 'pull-failing')) ctx.violation(`${tag}: false pull-failing alert`);
        for (const d of fleet.stateDevices()) if (d.last_result === 'failed') ctx.violation(`${tag}: ${d.name} marked failing (${d.last_error_kind})`);
      }
      disk.free();
      const after = await runCli(['pull'], fleet.dir);
      if (after.code !== 3 && after.code !== 0) ctx.violation(`${tag}: pull after freeing space exit ${after.code}: ${(after.stdout + after.stderr).slice(-300)}`);
      for (const p of markersAlerted(hook.alerts, markers)) ctx.violation(`${tag}: ${p}`);
      for (const p of fleet.stateAgreesWithStore()) ctx.violation(`${tag}: ${p}`);
      const fsck = fleet.fsck();
      if (fsck) ctx.violation(`${tag}: ${fsck}`);
      for (const p of idsConsistent(hook.alerts)) ctx.violation(`${tag}: ${p}`);
    }
    return { runs: ctx.runs };
  } finally {
    disk.free();
    await fleet.close();
    await hook.close();
    disk.unmount();
  }
}

export const storeDiskFull: FaultCase = { name: 'disk-full-store', runs: 3, describe: 'store on a full 2 MB tmpfs', run: (ctx) => diskFull(ctx, 'store') };
export const stateDiskFull: FaultCase = { name: 'disk-full-state', runs: 3, describe: 'state on a full 2 MB tmpfs', run: (ctx) => diskFull(ctx, 'state') };
