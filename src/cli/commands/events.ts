/** `driftwatch events [device] [--json]`: config-change events announced by syslog, newest first. */
import type { Command } from 'commander';
import { EXIT } from '../../core/exit-codes.js';
import { oneLine } from '../../notify/escape.js';
import { EventsRepo, type EventRow } from '../../state/events-repo.js';
import { StateDb } from '../../store/state.js';
import { CliExit, loadConfigOrExit, selectDevices } from '../context.js';

export function registerEvents(program: Command): void {
  program
    .command('events [device]')
    .option('--json', 'one JSON object per event per line')
    .option('--limit <n>', 'at most this many events', '100')
    .description('config-change events announced by syslog (as reported: syslog can be forged)')
    .action((device: string | undefined, opts: { json?: boolean; limit: string }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      if (device) selectDevices(cfg, [device]);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliExit(EXIT.usage, `--limit: expected a positive integer, got ${JSON.stringify(opts.limit)}`);
      const state = StateDb.open(cfg.state);
      try {
        const rows = new EventsRepo(state.db).list({ device, limit });
        for (const e of rows) process.stdout.write((opts.json ? JSON.stringify(toJson(e)) : toText(e)) + '\n');
        if (!rows.length && !opts.json) process.stdout.write(device ? `no config-change events for ${device}\n` : 'no config-change events\n');
      } finally {
        state.close();
      }
    });
}

// The state file is input too: clean again on the way out.
const safe = (s: string | null) => (s == null ? null : oneLine(s));

function toJson(e: EventRow) {
  return {
    device: safe(e.device),
    time: safe(e.receivedAt),
    kind: e.kind,
    code: safe(e.code),
    user: safe(e.user),
    source: safe(e.source),
    line: safe(e.line),
    via: safe(e.via),
    command: safe(e.command),
    sender: safe(e.sender),
    transport: safe(e.transport),
    reported_by: 'syslog',
    raw: safe(e.raw),
  };
}

function toText(e: EventRow): string {
  const who = [e.user ? `by ${safe(e.user)}` : '', e.source ? `from ${safe(e.source)}` : '', e.line ? `on ${safe(e.line)}` : ''].filter(Boolean).join(' ');
  const what = e.command ? ` "${safe(e.command)}"` : '';
  return `${safe(e.receivedAt)}  ${safe(e.device)!.padEnd(20)} ${safe(e.code)!.padEnd(28)} ${who || '(no user reported)'}${what}  [${safe(e.transport)} ${safe(e.sender)}]`;
}
