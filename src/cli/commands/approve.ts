import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { snapshotPath } from '../../collect/snapshot-path.js';
import { EXIT } from '../../core/exit-codes.js';
import { createLogger } from '../../core/log.js';
import { channelsFor } from '../../notify/route.js';
import { approvedAlert } from '../../watch/alerts.js';
import { setBaseline } from '../../watch/drift-step.js';
import { deliverAlerts } from '../../watch/watch-cycle.js';
import { CliExit, findDevice, loadConfigOrExit, openStores } from '../context.js';

/** Who approved: one line of printable text, so it cannot forge tag or trailer lines. */
function cleanText(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]+/g, ' ').trim().slice(0, 500);
}

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
        const [latest] = await archive.log(snapshotPath(device), 1);
        if (!latest) throw new CliExit(EXIT.failure, `${name}: nothing stored yet (run driftwatch pull ${name} first)`);
        const now = new Date();
        const by = cleanText(opts.by ?? userInfo().username) || 'unknown';
        const message = cleanText(opts.message);
        await setBaseline({ archive, state, now: () => now }, device.name, latest.commit, by, message || null);
        const closed = state.approveDrift(device.name, now);
        const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
        await archive.tag(`approved/${device.name}/${stamp}`, latest.commit, `approved ${device.name} by ${by}${message ? `\n\n${message}` : ''}`);
        const alert = approvedAlert(device, latest.commit, by, message, now);
        const routed = channelsFor(alert, cfg.alerts).map(({ id }) => ({ channel: id, alert }));
        if (routed.length) state.enqueueAlerts(routed, now);
        await deliverAlerts(cfg, { state, log: createLogger(), now: () => new Date() });
        process.stdout.write(`${name}: baseline is now ${latest.commit.slice(0, 12)} (approved by ${by}${closed.length ? `, closed drift #${closed.join(', #')}` : ''})\n`);
      } finally {
        state.close();
      }
    });
}
