import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { deliverDue } from '../../app/deliver.js';
import { approveDevice } from '../../app/use-cases/approve.js';
import { findDevice, loadConfigOrExit, withWriter } from '../context.js';
import { safeLine } from '../format/sanitize.js';

/** An approval waits this long for a running cycle to finish (it holds the writer lock). */
const APPROVE_WAIT_MS = 300_000;

export function registerApprove(program: Command): void {
  program
    .command('approve')
    .argument('<device>')
    .option('-m, --message <text>', 'why (change ticket, reason)', '')
    .option('--by <who>', 'who approves (default: the OS user)')
    .description("make the device's current stored config its known-good baseline; closes its open drift")
    .action(async (name: string, opts: { message: string; by?: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      findDevice(cfg, name);
      await withWriter(cfg, 'approve', APPROVE_WAIT_MS, async (app) => {
        const r = await approveDevice(app, { device: name, by: opts.by ?? userInfo().username, message: opts.message, address: 'cli' });
        await deliverDue(app);
        process.stdout.write(`${safeLine(name)}: baseline is now ${r.commit.slice(0, 12)} (approved by ${safeLine(r.by)}${r.closedDrift.length ? `, closed drift #${r.closedDrift.join(', #')}` : ''})\n`);
      });
    });
}
