import type { Command } from 'commander';
import { showConfig } from '../../app/use-cases/config-at.js';
import { loadConfigOrExit, withApp } from '../context.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .argument('<device>')
    .option('--rev <rev>', 'git revision (default: HEAD)')
    .description('print the stored config of a device')
    .action(async (name: string, opts: { rev?: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        process.stdout.write(await showConfig(app, { device: name, rev: opts.rev }));
      });
    });
}
