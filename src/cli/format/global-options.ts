/**
 * Global options about output: `--verbose` and `--log-format`. stdout carries one line per event;
 * the log (stderr) shows only warnings and errors for one-shot commands, unless asked. The daemon
 * keeps info: its log is its output.
 */
import { Option, type Command } from 'commander';
import { setLogDefaults } from '../../core/log.js';

/** Commands whose log is their main output. */
const LOGGING_COMMANDS = new Set(['daemon']);

export function registerOutputOptions(program: Command): void {
  program
    .option('--verbose', 'log everything (debug level) on stderr, over DRIFTWATCH_LOG_LEVEL (default: warnings and errors only; daemon: info)')
    .addOption(new Option('--log-format <format>', 'log lines on stderr as JSON or human-readable (default: pretty on a terminal, json otherwise)').choices(['json', 'pretty']))
    .hook('preAction', (root, action) => {
      const opts = root.opts<{ verbose?: boolean; logFormat?: 'json' | 'pretty' }>();
      let top = action;
      while (top.parent && top.parent !== root) top = top.parent;
      setLogDefaults({
        forcedLevel: opts.verbose ? 'debug' : undefined,
        level: LOGGING_COMMANDS.has(top.name()) ? 'info' : 'warn',
        format: opts.logFormat,
      });
    });
}
