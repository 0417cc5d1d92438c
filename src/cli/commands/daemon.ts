import type { Command } from 'commander';
import { InsecurePermissionsError } from '../../app/permissions.js';
import { FingerprintKeyError } from '../../secrets/key-file.js';
import { ConfigError, formatProblem } from '../../config/load.js';
import { EXIT } from '../../core/exit-codes.js';
import { createLogger } from '../../core/log.js';
import { Daemon } from '../../daemon/daemon.js';
import { CliExit } from '../context.js';

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .option('--drain <seconds>', 'on SIGTERM, wait this long for in-flight pulls and deliveries before aborting them', (v) => Number(v), 10)
    .description('run cycles on the schedule; SIGTERM stops (exit 0), SIGHUP reloads the config')
    .action(async (opts: { drain: number }) => {
      const log = createLogger();
      // Signals are handled from the first instant: a SIGHUP or SIGTERM during start-up (opening a
      // large store takes seconds) must not kill the process with Node's default action.
      let daemon: Daemon | undefined;
      let stopRequested = false;
      let reloadRequested = false;
      let wake: () => void = () => {};
      const stopped = new Promise<void>((resolve) => (wake = resolve));
      const stop = () => {
        stopRequested = true;
        if (daemon) void daemon.stop().then(wake);
      };
      const onHup = () => (daemon ? daemon.reload() : (reloadRequested = true));
      process.on('SIGHUP', onHup);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      // Signals that arrived while the CLI was loading (bin/driftwatch.js remembered them).
      const early = (globalThis as { __driftwatchEarlySignals?: { early: string[]; remember: (s: string) => void } }).__driftwatchEarlySignals;
      if (early) {
        for (const s of ['SIGHUP', 'SIGTERM', 'SIGINT']) process.off(s, early.remember);
        for (const s of early.early) (s === 'SIGHUP' ? onHup : stop)();
      }
      try {
        daemon = await Daemon.start({ configFile: program.opts().config, log, drainMs: opts.drain * 1000 });
      } catch (err) {
        if (err instanceof ConfigError) throw new CliExit(EXIT.usage, err.problems.map(formatProblem).join('\n'));
        if (err instanceof InsecurePermissionsError || err instanceof FingerprintKeyError) throw new CliExit(EXIT.usage, `driftwatch: ${err.message}`);
        throw err;
      }
      if (reloadRequested) daemon.reload();
      if (stopRequested) void daemon.stop().then(wake);
      await stopped;
    });
}
