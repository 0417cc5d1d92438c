import type { Command } from 'commander';
import { showConfig } from '../../app/use-cases/config-at.js';
import { loadConfigOrExit, withApp } from '../context.js';
import { safeText } from '../format/sanitize.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .argument('<device>')
    .option('--rev <rev>', 'git revision (default: HEAD)')
    .option('--raw', 'the stored text unchanged (for redirecting to a file)')
    .description('print the stored config of a device (control characters shown escaped; --raw: unchanged)')
    .action(async (name: string, opts: { rev?: string; raw?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        const text = await showConfig(app, { device: name, rev: opts.rev });
        // The stored text is the device's: a terminal must not interpret what it contains.
        process.stdout.write(opts.raw ? text : safeText(text));
      });
    });
}
