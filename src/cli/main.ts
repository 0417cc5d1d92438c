/** driftwatch command line: parse arguments, run one command, map outcomes to exit codes. */
import { Command, CommanderError } from 'commander';
import { EXIT } from '../core/exit-codes.js';
import { CliExit } from './context.js';
import { registerValidate } from './commands/validate.js';
import { registerPull } from './commands/pull.js';
import { registerShow } from './commands/show.js';
import { registerStatus } from './commands/status.js';
import { registerLog } from './commands/log.js';
import { registerSim } from './commands/sim.js';
import { registerApprove } from './commands/approve.js';
import { registerDiff } from './commands/diff.js';
import { registerDrift } from './commands/drift.js';
import { registerDaemon } from './commands/daemon.js';
import { registerHostKey } from './commands/hostkey.js';
import { registerOutbox } from './commands/outbox.js';
import { registerWindows } from './commands/windows.js';
import { registerExpect } from './commands/expect.js';
import { registerToken } from './commands/token.js';
import { registerAuditLog } from './commands/audit-log.js';
import { registerAudit } from './commands/audit.js';
import { registerSecrets } from './commands/secrets.js';
import { registerEvents } from './commands/events.js';
import { registerCompletion } from './completion.js';
import { registerBackup } from './commands/backup.js';
import { registerIntegrity } from './commands/integrity.js';
import { packageVersion } from './version.js';
import { registerOutputOptions } from './format/global-options.js';

export function buildProgram(): Command {
  const program = new Command('driftwatch')
    .description('Watch network device configs: pull over SSH, store in git, alert on unauthorized change')
    .option('-c, --config <file>', 'config file', './devices.yaml')
    .version(packageVersion(), '-V, --version', 'print the driftwatch version')
    .showHelpAfterError()
    .exitOverride();
  registerOutputOptions(program);
  for (const register of [registerValidate, registerPull, registerShow, registerStatus, registerLog, registerDiff, registerDrift, registerEvents, registerApprove, registerDaemon, registerHostKey, registerOutbox, registerWindows, registerExpect, registerToken, registerAuditLog, registerAudit, registerSecrets, registerSim]) register(program);
  registerBackup(program);
  registerIntegrity(program);
  registerCompletion(program); // last: it completes every command registered before it
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliExit) {
      if (err.message) process.stderr.write(err.message + '\n');
      return err.code;
    }
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`driftwatch: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}

// Everything driftwatch creates (store, state, keys, lock) is private to its user, whatever the caller's umask.
process.umask(0o077);
process.exitCode = await main(process.argv);
