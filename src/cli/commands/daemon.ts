import type { Command } from 'commander';
import { ConfigError, formatProblem } from '../../config/load.js';
import { EXIT } from '../../core/exit-codes.js';
import { createLogger } from '../../core/log.js';
import { Daemon } from '../../daemon/daemon.js';
import { CliExit } from '../context.js';

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .option('--drain <seconds>', 'on SIGTERM, wait this long for in-flight pulls before aborting them', (v) => Number(v), 10)
    .description('run cycles on the schedule; SIGTERM stops (exit 0), SIGHUP reloads the config')
    .action(async (opts: { drain: number }) => {
      const log = createLogger();
      let daemon: Daemon;
      try {
        daemon = await Daemon.start({ configFile: program.opts().config, log, drainMs: opts.drain * 1000 });
      } catch (err) {
        if (err instanceof ConfigError) throw new CliExit(EXIT.usage, err.problems.map(formatProblem).join('\n'));
        throw err;
      }
      process.on('SIGHUP', () => daemon.reload());
      await new Promise<void>((resolve) => {
        const stop = () => void daemon.stop().then(resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
