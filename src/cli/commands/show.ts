import type { Command } from 'commander';
import { snapshotPath } from '../../collect/snapshot-path.js';
import { EXIT } from '../../core/exit-codes.js';
import { CliExit, findDevice, loadConfigOrExit } from '../context.js';
import { Archive } from '../../store/archive.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .argument('<device>')
    .option('--rev <rev>', 'git revision (default: HEAD)')
    .description('print the stored config of a device')
    .action(async (name: string, opts: { rev?: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const device = findDevice(cfg, name);
      const archive = await Archive.open(cfg.store);
      const text = await archive.read(snapshotPath(device), opts.rev ?? 'HEAD');
      if (text === null) throw new CliExit(EXIT.failure, `${name}: no stored config yet (run driftwatch pull ${name})`);
      process.stdout.write(text);
    });
}
