/** `driftwatch audit-log`: approvals and token operations, newest first. */
import type { Command } from 'commander';
import { AuditRepo } from '../../state/audit-repo.js';
import { StateDb } from '../../store/state.js';
import { loadConfigOrExit } from '../context.js';

export function registerAuditLog(program: Command): void {
  program
    .command('audit-log')
    .option('-n, --limit <n>', 'at most n entries', (v) => parseInt(v, 10), 100)
    .option('--json', 'one JSON object per entry per line')
    .description('who approved what and who managed tokens, when and from where')
    .action((opts: { limit: number; json?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const state = StateDb.open(cfg.state);
      try {
        const entries = new AuditRepo(state.db).list(opts.limit);
        for (const e of entries) {
          if (opts.json) process.stdout.write(JSON.stringify(e) + '\n');
          else process.stdout.write(`${e.at} ${e.actor.padEnd(20)} ${e.action.padEnd(14)} ${(e.target ?? '-').padEnd(20)} ${e.address ?? '-'}${e.detail ? `  ${e.detail}` : ''}\n`);
        }
        if (!entries.length && !opts.json) process.stdout.write('audit log is empty\n');
      } finally {
        state.close();
      }
    });
}
