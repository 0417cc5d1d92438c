import type { Command } from 'commander';
import type { DeviceResult } from '../../collect/cycle.js';
import { StoreStateMismatchError } from '../../app/reconcile.js';
import { pullAndDeliver } from '../../app/pull-now.js';
import { EXIT } from '../../core/exit-codes.js';
import { CliExit, loadConfigOrExit, selectDevices, withWriter } from '../context.js';
import { stdoutPaint } from '../format/colour.js';
import { ProgressLine } from '../format/progress.js';
import { alertLine, failedCount, isNotable, resultLine, summaryLines } from '../format/result-line.js';

export const PULL_EXIT_HELP = `
Exit codes:
  0  every device pulled, no unauthorized drift open
  1  a device failed (or its config could not be stored), or the store is locked
  2  usage or config error
  3  unauthorized drift open on a pulled device; wins over 1 when both happen
     (drift is the finding someone must act on; the failures are in the summary)`;

/** One line per device; on a terminal only the notable ones, above a live progress line. */
function resultPrinter(total: number): { onResult(r: DeviceResult): void; finish(): void } {
  const paint = stdoutPaint();
  const write = (s: string) => void process.stdout.write(s);
  if (!process.stdout.isTTY || total < 2) return { onResult: (r) => write(resultLine(r, paint) + '\n'), finish: () => {} };
  const progress = new ProgressLine(write, () => performance.now());
  let done = 0;
  let failed = 0;
  return {
    onResult(r) {
      done++;
      if (r.result === 'failed' || r.result === 'unstored') failed++;
      if (isNotable(r)) progress.print(resultLine(r, paint));
      progress.update({ done, total, failed });
    },
    finish: () => progress.finish(),
  };
}

export function registerPull(program: Command): void {
  program
    .command('pull')
    .argument('[device...]', 'devices to pull (default: all)')
    .description('run one cycle now: pull, commit, compare with baselines, alert; exit 0 ok, 1 a pull failed, 3 unauthorized drift open (3 wins over 1)')
    .addHelpText('after', PULL_EXIT_HELP)
    .action(async (names: string[]) => {
      const cfg = loadConfigOrExit(program.opts().config);
      const devices = selectDevices(cfg, names);
      // A second writer (the daemon's cycle) holds the lock: fail at once with who holds it (exit 1).
      await withWriter(cfg, 'pull', 0, async (app) => {
        const started = performance.now();
        const printer = resultPrinter(devices.length);
        let report;
        try {
          report = await pullAndDeliver(app, devices, { onResult: (r) => printer.onResult(r) });
        } catch (err) {
          if (err instanceof StoreStateMismatchError) throw new CliExit(EXIT.failure, `driftwatch: ${err.message}`);
          throw err;
        } finally {
          printer.finish();
        }
        const paint = stdoutPaint();
        for (const a of report.alerts) process.stdout.write(alertLine(a, paint) + '\n');
        const summary = summaryLines(
          { results: report.results, seconds: (performance.now() - started) / 1000, deliveryFailures: report.deliveryFailures, pending: app.state.outbox.pendingCount(), openDrift: report.openDrift },
          paint,
        );
        process.stdout.write(summary.join('\n') + '\n');
        // Precedence: open drift (3) over failed pulls (1); see PULL_EXIT_HELP.
        if (report.openDrift.length) throw new CliExit(EXIT.drift);
        if (failedCount(report.results)) throw new CliExit(EXIT.failure);
      });
    });
}
