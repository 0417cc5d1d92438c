import type { Command } from 'commander';
import type { DeviceResult } from '../../collect/cycle.js';
import { watchCycle } from '../../watch/watch-cycle.js';
import { EXIT } from '../../core/exit-codes.js';
import { createLogger } from '../../core/log.js';
import { CliExit, loadConfigOrExit, openStores, selectDevices } from '../context.js';

export function formatResult(r: DeviceResult): string {
  const secs = (r.durationMs / 1000).toFixed(2);
  if (r.result === 'failed') return `${r.device.name.padEnd(24)} FAILED ${r.errorKind} (${secs}s): ${r.error}`;
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
      const log = createLogger();
      const { archive, state } = await openStores(cfg);
      try {
        const started = performance.now();
        const report = await watchCycle(cfg, devices, {
          archive,
          state,
          log,
          now: () => new Date(),
          onResult: (r) => process.stdout.write(formatResult(r) + '\n'),
        });
        const results = report.results;
        for (const a of report.alerts) process.stdout.write(`ALERT ${a.severity} ${a.device.name}: ${a.summary}\n`);
        const count = (k: DeviceResult['result']) => results.filter((r) => r.result === k).length;
        const failed = count('failed');
        process.stdout.write(
          `${results.length} devices: ${count('changed')} changed, ${count('unchanged')} unchanged, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
        );
        if (report.openDrift.length) {
          process.stdout.write(`unauthorized drift open on: ${report.openDrift.join(', ')} (driftwatch diff <device>, driftwatch approve <device>)\n`);
          throw new CliExit(EXIT.drift);
        }
        if (failed) throw new CliExit(EXIT.failure);
      } finally {
        state.close();
      }
    });
}
