import type { Command } from 'commander';
import { deviceStatuses } from '../../app/use-cases/status.js';
import { loadConfigOrExit, withApp, CliExit } from '../context.js';
import { stdoutPaint } from '../format/colour.js';
import { attributionLines, filterStatuses, statusExitCode, statusSummary, statusTable } from '../format/status-view.js';
import { handshakeLine } from '../format/handshake-view.js';

interface StatusOpts {
  json?: boolean;
  failed?: boolean;
  drift?: boolean;
  group?: string;
  exitCode?: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .option('--json', 'one JSON object per device per line')
    .option('--failed', 'only devices whose last pull failed')
    .option('--drift', 'only devices with unauthorized drift open (with --failed: either)')
    .option('--group <group>', 'only devices of this group')
    .option('--exit-code', 'exit 3 if drift is open, else 1 if a device is failing, else 0 (health checks)')
    .description('last pull of every device in the config: result, age, consecutive failures, open drift, and a summary')
    .addHelpText('after', '\nWith --exit-code the code covers the devices shown (after the filters); 3 (drift) wins over 1 (failing), as in `pull`.')
    .action(async (opts: StatusOpts) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const code = await withApp(cfg, async (app) => {
        const rows = filterStatuses(deviceStatuses(app), opts);
        if (opts.json) {
          for (const entry of rows) process.stdout.write(JSON.stringify(entry) + '\n');
        } else {
          const paint = stdoutPaint();
          const lines = rows.length ? statusTable(rows, app.clock(), paint) : ['no device matches'];
          const ssh = handshakeLine(rows, paint);
          process.stdout.write([...lines, ...attributionLines(rows, paint), statusSummary(rows, paint), ...(ssh ? [ssh] : [])].join('\n') + '\n');
        }
        return statusExitCode(rows);
      });
      if (opts.exitCode && code) throw new CliExit(code);
    });
}
