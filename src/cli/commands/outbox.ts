/** `driftwatch outbox [--json]`: undelivered alerts with their attempts and last error; `outbox retry`: all due now. */
import type { Command } from 'commander';
import { loadConfigOrExit } from '../context.js';
import { oneLine, truncate } from '../../notify/escape.js';
import { outboxOf, type OutboxEntry } from '../../state/outbox-repo.js';
import { StateDb } from '../../store/state.js';

/** One entry as a JSON line (the alert reduced to what identifies it). */
export function outboxJson(e: OutboxEntry): Record<string, unknown> {
  return {
    id: e.id,
    channel: e.channel,
    alert_id: e.alert.id,
    kind: e.alert.kind,
    severity: e.alert.severity,
    device: e.alert.device?.name ?? null,
    summary: e.alert.summary,
    created_at: e.createdAt,
    attempts: e.attempts,
    next_attempt_at: e.nextAttemptAt,
    last_error: e.lastError,
  };
}

/** One entry as a table line; state contents are untrusted, so every field is made one safe line. */
export function outboxLine(e: OutboxEntry): string {
  const next = e.nextAttemptAt ?? 'never (gave up; `outbox retry` to resend)';
  const error = e.lastError ? truncate(oneLine(e.lastError), 160) : '-';
  const cells = [String(e.id).padStart(5), oneLine(e.channel).padEnd(16), oneLine(e.alert.device?.name ?? '?').padEnd(20), e.alert.kind.padEnd(18), String(e.attempts).padStart(3), next.padEnd(24), error];
  return cells.join('  ');
}

export function registerOutbox(program: Command): void {
  const outbox = program
    .command('outbox')
    .description('undelivered alerts, their attempts and last error')
    .option('--json', 'one JSON object per undelivered alert per line')
    .option('--limit <n>', 'most rows shown', '200')
    .action((opts: { json?: boolean; limit: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const state = StateDb.open(cfg.state);
      try {
        const repo = outboxOf(state);
        const rows = repo.list(Math.max(1, Number(opts.limit) || 200), true);
        if (opts.json) {
          for (const e of rows) process.stdout.write(JSON.stringify(outboxJson(e)) + '\n');
          return;
        }
        if (!rows.length) {
          process.stdout.write('outbox empty: every alert was delivered\n');
          return;
        }
        process.stdout.write(`${'id'.padStart(5)}  ${'channel'.padEnd(16)}  ${'device'.padEnd(20)}  ${'kind'.padEnd(18)}  try  ${'next attempt'.padEnd(24)}  last error\n`);
        for (const e of rows) process.stdout.write(outboxLine(e) + '\n');
        const total = repo.pendingCount();
        process.stdout.write(`${total} undelivered alert${total === 1 ? '' : 's'}${total > rows.length ? ` (${rows.length} shown)` : ''}\n`);
      } finally {
        state.close();
      }
    });
  outbox
    .command('retry')
    .description('make every undelivered alert due now (a running daemon sends them on its next delivery tick)')
    .action(() => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const state = StateDb.open(cfg.state);
      try {
        const n = outboxOf(state).retryAll(new Date());
        process.stdout.write(`${n} undelivered alert${n === 1 ? '' : 's'} due now\n`);
      } finally {
        state.close();
      }
    });
}
