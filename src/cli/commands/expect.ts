import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { describeTarget, type Expectation } from '../../authorize/expectation.js';
import { cancelExpectation, createExpectation, ExpectationInputError, listExpectations, type ExpectationView } from '../../authorize/expectations.js';
import { EXIT } from '../../core/exit-codes.js';
import { StateDb } from '../../store/state.js';
import { expectationsRepo } from '../../state/expectations-repo.js';
import { CliExit, loadConfigOrExit } from '../context.js';

interface ExpectOptions {
  group?: string;
  tag?: string;
  ticket?: string;
  until?: string;
  lines: string[];
  note?: string;
  by?: string;
  list?: boolean;
  json?: boolean;
  cancel?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function summary(e: Expectation): string {
  const lines = e.lines.length ? `lines ${e.lines.map((l) => `/${l}/`).join(' ')}` : 'the whole change';
  return `#${e.id} ${e.ticket} on ${describeTarget(e.target)} until ${e.until.toISOString()}, covers ${lines}, by ${e.by}${e.note ? ` (${e.note})` : ''}`;
}

function listLine(e: ExpectationView): string {
  return `${e.status.padEnd(9)} ${summary(e)}${e.usedOn.length ? `; used on ${e.usedOn.join(', ')}` : ''}${e.cancelledAt ? `; cancelled by ${e.cancelledBy} at ${e.cancelledAt.toISOString()}` : ''}`;
}

export function registerExpect(program: Command): void {
  program
    .command('expect')
    .argument('[devices...]', 'devices the change is expected on')
    .option('--group <group>', 'every device of a group')
    .option('--tag <tag>', 'every device with a tag')
    .option('--ticket <id>', 'change ticket, e.g. CHG-123')
    .option('--until <time>', 'end: ISO 8601 time with offset, or a duration from now (4h, 1h30m, 2d)')
    .option('--lines <regex>', 'only changed lines matching this regex are covered (repeatable)', collect, [])
    .option('--note <text>', 'free text')
    .option('--by <who>', 'who expects it (default: the OS user)')
    .option('--list', 'list expectations')
    .option('--json', 'with --list: one JSON object per line')
    .option('--cancel <id>', 'cancel an expectation')
    .description('register an expected change (ticket): matching drift is authorized, not alerted')
    .action((devices: string[], opts: ExpectOptions) => {
      const creating = devices.length > 0 || opts.group !== undefined || opts.tag !== undefined || opts.ticket !== undefined || opts.until !== undefined || opts.lines.length > 0 || opts.note !== undefined;
      if ([creating, !!opts.list, opts.cancel !== undefined].filter(Boolean).length > 1) throw new CliExit(EXIT.usage, 'expect: use one of: <devices...>|--group|--tag with --ticket and --until, --list, or --cancel ID');
      if (!creating && !opts.list && opts.cancel === undefined) throw new CliExit(EXIT.usage, 'expect: name devices, --group or --tag, with --ticket and --until (or use --list / --cancel ID)');
      if (creating && (opts.ticket === undefined || opts.until === undefined)) throw new CliExit(EXIT.usage, 'expect: --ticket and --until are required');
      const cfg = loadConfigOrExit(program.opts().config, true);
      const state = StateDb.open(cfg.state);
      const repo = expectationsRepo(state);
      const now = new Date();
      const by = opts.by ?? userInfo().username;
      try {
        if (opts.list) {
          const all = listExpectations(repo, now);
          for (const e of all) process.stdout.write((opts.json ? JSON.stringify(e) : listLine(e)) + '\n');
          if (!all.length && !opts.json) process.stdout.write('no expectations\n');
        } else if (opts.cancel !== undefined) {
          const e = cancelExpectation(repo, opts.cancel, now, by);
          process.stdout.write(`cancelled ${summary(e)}\n`);
        } else {
          const request = { devices, group: opts.group, tag: opts.tag, ticket: opts.ticket!, until: opts.until!, lines: opts.lines, note: opts.note, by };
          const e = createExpectation(repo, cfg.devices, request, now);
          process.stdout.write(`expectation ${summary(e)}\n`);
        }
      } catch (err) {
        if (err instanceof ExpectationInputError) throw new CliExit(EXIT.usage, err.problems.map((p) => `expect: ${p}`).join('\n'));
        throw err;
      } finally {
        state.close();
      }
    });
}
