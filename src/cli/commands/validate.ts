import type { Command } from 'commander';
import { ConfigError, formatProblem, loadConfigFile } from '../../config/load.js';
import { EXIT } from '../../core/exit-codes.js';
import { CliExit } from '../context.js';
import { dataFileProblems } from '../../compliance/data-files.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check the config file and list every problem (file:line, device); exit 2 when invalid')
    .action(() => {
      try {
        // Everything a pull would need: secrets set, a password or key per set, key files readable.
        const cfg = loadConfigFile(program.opts().config, process.env, { requireSecrets: true, checkLogin: true });
        // The data files the config names (versions, known-good hashes) are read at their own time: check them now.
        const files = dataFileProblems(cfg);
        if (files.length) throw new CliExit(EXIT.usage, [...files, `${files.length} problem${files.length === 1 ? '' : 's'} found`].join('\n'));
        process.stdout.write(`${cfg.file}: ok (${cfg.devices.length} devices, ${cfg.alerts.length} alert channels)\n`);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        const n = err.problems.length;
        throw new CliExit(EXIT.usage, [...err.problems.map(formatProblem), `${n} problem${n === 1 ? '' : 's'} found`].join('\n'));
      }
    });
}
