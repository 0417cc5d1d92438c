import type { Command } from 'commander';
import { runCycle, type DeviceResult } from '../../collect/cycle.js';
import { EXIT } from '../../core/exit-codes.js';
import { createLogger } from '../../core/log.js';
import { CliExit, loadConfigOrExit, openStores, selectDevices } from '../context.js';

export function formatResult(r: DeviceResult): string {
  const secs = (r.durationMs / 1000).toFixed(1);
  if (r.result === 'failed') return `${r.device.name.padEnd(24)} FAILED ${r.errorKind} (${secs}s): ${r.error}`;
  if (r.result === 'changed') return `${r.device.name.padEnd(24)} changed +${r.added} -${r.removed} ${r.commit?.slice(0, 10)} (${secs}s)`;
  return `${r.device.name.padEnd(24)} unchanged (${secs}s)`;
}

export function registerPull(program: Command): void {
  program
    .command('pull')
    .argument('[device...]', 'devices to pull (default: all)')
    .description('pull configs now (one cycle); exit 0 when every pull succeeded, 1 otherwise')
    .action(async (names: string[]) => {
      const cfg = loadConfigOrExit(program.opts().config);
      const devices = selectDevices(cfg, names);
      const log = createLogger();
      const { archive, state } = await openStores(cfg);
      try {
        const started = performance.now();
        const results = await runCycle(cfg, devices, {
          archive,
          state,
          now: () => new Date(),
          onResult: (r) => process.stdout.write(formatResult(r) + '\n'),
          onHostKeyMismatch: (e) => log.error({ device: e.device, expected: e.expected, presented: e.presented }, 'host key changed: pull refused'),
        });
        const count = (k: DeviceResult['result']) => results.filter((r) => r.result === k).length;
        const failed = count('failed');
        process.stdout.write(
          `${results.length} devices: ${count('changed')} changed, ${count('unchanged')} unchanged, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
        );
        if (failed) throw new CliExit(EXIT.failure);
      } finally {
        state.close();
      }
    });
}
