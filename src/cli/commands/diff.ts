import type { Command } from 'commander';
import { diffDevice } from '../../app/use-cases/diff.js';
import { loadConfigOrExit, withApp } from '../context.js';
import { severity, stdoutPaint } from '../format/colour.js';
import { renderDiff } from '../format/diff-colour.js';
import { safeLine } from '../format/sanitize.js';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .argument('<device>')
    .option('--from <rev>', 'compare from this revision instead of the baseline')
    .option('--to <rev>', 'compare to this revision instead of the current config')
    .description('show how the current stored config differs from the approved baseline (ignored lines left out)')
    .action(async (name: string, opts: { from?: string; to?: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      await withApp(cfg, async (app) => {
        const { result, from, device } = await diffDevice(app, { device: name, from: opts.from, to: opts.to });
        const p = stdoutPaint();
        const what = opts.from ? from.slice(0, 12) : `baseline ${from.slice(0, 12)}`;
        const who = safeLine(device);
        if (!result.drifted) process.stdout.write(`${who}: no drift from ${what}\n`);
        else process.stdout.write(`${who}: ${severity(p, result.severity)} drift ${p.green(`+${result.added}`)} ${p.red(`-${result.removed}`)} from ${what}\n${renderDiff(result.diff, p)}\n`);
      });
    });
}
