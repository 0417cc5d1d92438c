import type { Command } from 'commander';
import { snapshotPath } from '../../collect/snapshot-path.js';
import { loadConfigOrExit } from '../context.js';
import { StateDb } from '../../store/state.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .option('--json', 'one JSON object per device per line')
    .description('last pull of every device in the config')
    .action((opts: { json?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const state = StateDb.open(cfg.state);
      try {
        const rows = new Map(state.deviceStatus().map((r) => [r.name, r]));
        for (const d of cfg.devices) {
          const r = rows.get(d.name);
          const entry = {
            name: d.name,
            platform: d.platform,
            group: d.group ?? null,
            host: d.host,
            path: snapshotPath(d),
            last_pull: r?.last_pull_at ?? null,
            result: r?.last_result ?? null,
            error_kind: r?.last_error_kind ?? null,
            error: r?.last_error ?? null,
            commit: r?.last_commit ?? null,
            consecutive_failures: r?.consecutive_failures ?? 0,
            facts: r?.facts ?? {},
          };
          if (opts.json) process.stdout.write(JSON.stringify(entry) + '\n');
          else {
            const what = entry.result === 'failed' ? `FAILED ${entry.error_kind}: ${entry.error}` : (entry.result ?? 'never pulled');
            process.stdout.write(`${d.name.padEnd(24)} ${d.platform.padEnd(18)} ${(entry.last_pull ?? '-').padEnd(24)} ${what}\n`);
          }
        }
      } finally {
        state.close();
      }
    });
}
