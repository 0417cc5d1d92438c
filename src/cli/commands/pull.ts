import type { Command } from 'commander';
import type { DeviceResult } from '../../collect/cycle.js';
import { StoreStateMismatchError } from '../../app/reconcile.js';
import { pullAndDeliver } from '../../app/pull-now.js';
import { EXIT } from '../../core/exit-codes.js';
import { CliExit, loadConfigOrExit, selectDevices, withWriter } from '../context.js';

export function formatResult(r: DeviceResult): string {
  const secs = (r.durationMs / 1000).toFixed(2);
  if (r.result === 'failed') return `${r.device.name.padEnd(24)} FAILED ${r.errorKind} (${secs}s): ${r.error}`;
  if (r.result === 'unstored') return `${r.device.name.padEnd(24)} NOT STORED (${secs}s): ${r.error}`;
  if (r.result === 'changed') return `${r.device.name.padEnd(24)} changed +${r.added} -${r.removed} ${r.commit?.slice(0, 10)} (${secs}s)`;
  return `${r.device.name.padEnd(24)} unchanged (${secs}s)`;
}

export function registerPull(program: Command): void {
  program
    .command('pull')
    .argument('[device...]', 'devices to pull (default: all)')
    .description('run one cycle now: pull, commit, compare with baselines, alert; exit 0 ok, 1 a pull failed, 3 unauthorized drift open')
    .action(async (names: string[]) => {
      const cfg = loadConfigOrExit(program.opts().config);
      const devices = selectDevices(cfg, names);
      // A second writer (the daemon's cycle) holds the lock: fail at once with who holds it (exit 1).
      await withWriter(cfg, 'pull', 0, async (app) => {
        const started = performance.now();
        let report;
        try {
          report = await pullAndDeliver(app, devices, { onResult: (r) => process.stdout.write(formatResult(r) + '\n') });
        } catch (err) {
          if (err instanceof StoreStateMismatchError) throw new CliExit(EXIT.failure, `driftwatch: ${err.message}`);
          throw err;
        }
        const results = report.results;
        for (const a of report.alerts) process.stdout.write(`${a.notice ? 'NOTICE' : 'ALERT'} ${a.severity} ${a.device.name}: ${a.summary}\n`);
        const count = (k: DeviceResult['result']) => results.filter((r) => r.result === k).length;
        const failed = count('failed') + count('unstored');
        process.stdout.write(
          `${results.length} devices: ${count('changed')} changed, ${count('unchanged')} unchanged, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
        );
        if (report.deliveryFailures) process.stdout.write(`${report.deliveryFailures} alert deliveries failed; they stay queued and are retried (driftwatch daemon)\n`);
        if (report.openDrift.length) {
          process.stdout.write(`unauthorized drift open on: ${report.openDrift.join(', ')} (driftwatch diff <device>, driftwatch approve <device>)\n`);
          throw new CliExit(EXIT.drift);
        }
        if (failed) throw new CliExit(EXIT.failure);
      });
    });
}
