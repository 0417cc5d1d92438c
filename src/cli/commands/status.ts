import type { Command } from 'commander';
import { deviceStatuses } from '../../app/use-cases/status.js';
import { loadConfigOrExit, withApp } from '../context.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .option('--json', 'one JSON object per device per line')
    .description('last pull of every device in the config')
    .action(async (opts: { json?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        for (const entry of deviceStatuses(app)) {
          if (opts.json) {
            process.stdout.write(JSON.stringify(entry) + '\n');
            continue;
          }
          const what = entry.result === 'failed' ? `FAILED ${entry.error_kind}: ${entry.error}` : (entry.result ?? 'never pulled');
          const drift = entry.drift ? ` DRIFT ${entry.drift.severity} +${entry.drift.added} -${entry.drift.removed}` : '';
          process.stdout.write(`${entry.name.padEnd(24)} ${entry.platform.padEnd(18)} ${(entry.last_pull ?? '-').padEnd(24)} ${what}${drift}\n`);
        }
      });
    });
}
