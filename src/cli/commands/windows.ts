import type { Command } from 'commander';
import { parseIsoInstant } from '../../authorize/duration.js';
import { windowLine, windowView } from '../../authorize/window-view.js';
import { compileWindows } from '../../authorize/windows.js';
import { EXIT } from '../../core/exit-codes.js';
import { CliExit, loadConfigOrExit } from '../context.js';

export function registerWindows(program: Command): void {
  program
    .command('windows')
    .option('--json', 'one JSON object per window per line')
    .option('--at <time>', 'evaluate at this ISO 8601 time with offset instead of now')
    .description('list maintenance windows: open now or not, and the next opening')
    .action((opts: { json?: boolean; at?: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const now = opts.at === undefined ? new Date() : parseIsoInstant(opts.at);
      if (!now) throw new CliExit(EXIT.usage, `--at "${opts.at}" is not an ISO 8601 time with offset (e.g. 2026-03-29T02:30:00+01:00)`);
      const views = compileWindows(cfg.windows).map((w) => windowView(w, now));
      for (const v of views) process.stdout.write((opts.json ? JSON.stringify(v) : windowLine(v)) + '\n');
      if (!views.length && !opts.json) process.stdout.write(`no maintenance windows in ${cfg.file}\n`);
    });
}
