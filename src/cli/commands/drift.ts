import type { Command } from 'commander';
import { openDrift } from '../../app/use-cases/status.js';
import { loadConfigOrExit, withApp } from '../context.js';

export function registerDrift(program: Command): void {
  program
    .command('drift')
    .option('--json', 'one JSON object per open drift per line')
    .description('list open unauthorized drift')
    .action(async (opts: { json?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        const open = openDrift(app);
        for (const d of open) {
          if (opts.json) process.stdout.write(JSON.stringify(d) + '\n');
          else process.stdout.write(`${d.device.padEnd(24)} ${d.severity.padEnd(8)} +${d.added} -${d.removed} since ${d.firstSeen} (last seen ${d.lastSeen})\n`);
        }
        if (!open.length && !opts.json) process.stdout.write('no open drift\n');
      });
    });
}
