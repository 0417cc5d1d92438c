import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { approveDevice, NothingStoredError } from '../../app/approve.js';
import { EXIT } from '../../core/exit-codes.js';
import { createLogger } from '../../core/log.js';
import { AuditRepo } from '../../state/audit-repo.js';
import { deliverAlerts } from '../../watch/watch-cycle.js';
import { CliExit, findDevice, loadConfigOrExit, openStores } from '../context.js';

export function registerApprove(program: Command): void {
  program
    .command('approve')
    .argument('<device>')
    .option('-m, --message <text>', 'why (change ticket, reason)', '')
    .option('--by <who>', 'who approves (default: the OS user)')
    .description("make the device's current stored config its known-good baseline; closes its open drift")
    .action(async (name: string, opts: { message: string; by?: string }) => {
      const cfg = loadConfigOrExit(program.opts().config);
      const device = findDevice(cfg, name);
      const { archive, state } = await openStores(cfg);
      try {
        const now = new Date();
        const deps = { archive, state, audit: new AuditRepo(state.db), now: () => now };
        const r = await approveDevice(cfg, device, { by: opts.by ?? userInfo().username, message: opts.message, address: 'cli' }, deps).catch((err: unknown) => {
          throw err instanceof NothingStoredError ? new CliExit(EXIT.failure, err.message) : err;
        });
        await deliverAlerts(cfg, { state, log: createLogger(), now: () => new Date() });
        process.stdout.write(`${name}: baseline is now ${r.commit.slice(0, 12)} (approved by ${r.by}${r.closed.length ? `, closed drift #${r.closed.join(', #')}` : ''})\n`);
      } finally {
        state.close();
      }
    });
}
