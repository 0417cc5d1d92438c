import type { Command } from 'commander';
import { deviceHistory } from '../../app/use-cases/config-at.js';
import { loadConfigOrExit, withApp } from '../context.js';
import { stdoutPaint } from '../format/colour.js';
import { safeLine } from '../format/sanitize.js';

export function registerLog(program: Command): void {
  program
    .command('log')
    .argument('<device>')
    .option('-n, --limit <n>', 'at most n commits', (v) => parseInt(v, 10), 50)
    .description("list the store's commits for a device, newest first")
    .action(async (name: string, opts: { limit: number }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        const p = stdoutPaint();
        // The store's own files are hostile too: a commit subject could carry controls.
        for (const c of await deviceHistory(app, { device: name, limit: opts.limit })) process.stdout.write(`${p.yellow(safeLine(c.commit).slice(0, 12))} ${safeLine(c.date)} ${safeLine(c.subject)}\n`);
      });
    });
}
