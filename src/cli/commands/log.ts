import type { Command } from 'commander';
import { snapshotPath } from '../../collect/snapshot-path.js';
import { findDevice, loadConfigOrExit } from '../context.js';
import { Archive } from '../../store/archive.js';

export function registerLog(program: Command): void {
  program
    .command('log')
    .argument('<device>')
    .option('-n, --limit <n>', 'at most n commits', (v) => parseInt(v, 10), 50)
    .description("list the store's commits for a device, newest first")
    .action(async (name: string, opts: { limit: number }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const device = findDevice(cfg, name);
      const archive = await Archive.open(cfg.store);
      for (const c of await archive.log(snapshotPath(device), opts.limit)) {
        process.stdout.write(`${c.commit.slice(0, 12)} ${c.date} ${c.subject}\n`);
      }
    });
}
