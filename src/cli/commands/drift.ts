import type { Command } from 'commander';
import { openDrift } from '../../app/use-cases/status.js';
import { loadConfigOrExit, withApp } from '../context.js';
import { padVisible, severity, stdoutPaint } from '../format/colour.js';
import { ago } from '../format/age.js';
import { safeLine } from '../format/sanitize.js';

export function registerDrift(program: Command): void {
  program
    .command('drift')
    .option('--json', 'one JSON object per open drift per line')
    .description('list open unauthorized drift')
    .action(async (opts: { json?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        const open = openDrift(app);
        const p = stdoutPaint();
        const now = app.clock();
        for (const d of open) {
          if (opts.json) process.stdout.write(JSON.stringify(d) + '\n');
          else {
            const cells = [padVisible(safeLine(d.device), 24), padVisible(severity(p, safeLine(d.severity)), 8), p.green(`+${d.added}`), p.red(`-${d.removed}`)];
            process.stdout.write(`${cells.join(' ')} since ${safeLine(d.firstSeen)} (${ago(d.firstSeen, now)}; last seen ${ago(d.lastSeen, now)})\n`);
          }
        }
        if (!open.length && !opts.json) process.stdout.write('no open drift\n');
      });
    });
}
