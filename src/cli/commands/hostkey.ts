import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { acceptHostKey, findTarget, forgetHostKey, listHostKeys, viewHostKey, type HostKeyView } from '../../app/host-key-trust.js';
import type { Config } from '../../config/schema.js';
import { EXIT } from '../../core/exit-codes.js';
import { hostKeyAuditRepo } from '../../state/hostkey-audit-repo.js';
import { StateDb } from '../../store/state.js';
import { CliExit, findDevice, loadConfigOrExit } from '../context.js';

/** Who did it: one line of printable text (it is stored and printed). */
function actor(by: string | undefined): string {
  let who = by;
  if (!who) {
    try {
      who = userInfo().username;
    } catch {
      who = process.env.USER ?? 'unknown';
    }
  }
  return who.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').trim().slice(0, 200) || 'unknown';
}

/** `name` or `jump:name`, checked against the config. */
function targetId(cfg: Config, name: string, jump: boolean | undefined): string {
  if (jump && !cfg.jump_hosts[name]) throw new CliExit(EXIT.usage, `unknown jump host: ${name} (not in ${cfg.file})`);
  if (!jump) findDevice(cfg, name);
  return jump ? `jump:${name}` : name;
}

function withState<T>(cfg: Config, fn: (state: StateDb) => T): T {
  const state = StateDb.open(cfg.state);
  try {
    return fn(state);
  } finally {
    state.close();
  }
}

function line(v: HostKeyView): string {
  const pinned = v.pinned ? `${v.pinned.keyType} ${v.pinned.fingerprint} (last seen ${v.pinned.lastSeen})` : 'no key pinned';
  const refused = v.refused ? `  REFUSED ${v.refused.keyType} ${v.refused.fingerprint} at ${v.refused.lastAt}` : '';
  return `${v.id.padEnd(24)} ${v.policy.padEnd(6)} ${v.source.padEnd(11)} ${pinned}${refused}`;
}

export function registerHostKey(program: Command): void {
  const hostkey = program.command('hostkey').description('SSH host keys: what each device is trusted with, and changes to it (audited)');
  const config = () => loadConfigOrExit(program.opts().config, true);
  hostkey
    .command('show')
    .argument('<device>')
    .description('print the pinned host key of a device')
    .action((name: string) => {
      const cfg = config();
      findDevice(cfg, name);
      withState(cfg, (state) => {
        const key = state.getHostKey(name);
        process.stdout.write(key ? `${name} ${key.keyType} ${key.fingerprint} (first seen ${key.firstSeen}, last seen ${key.lastSeen})\n` : `${name}: no key pinned yet\n`);
        const v = viewHostKey(state, name, findTarget(cfg, name)!);
        if (v.source !== 'pinned') process.stdout.write(`  decided by: ${v.source} (${v.policy})${v.accepts.length ? `: ${v.accepts.join(', ')}` : ''}\n`);
        if (v.refused) process.stdout.write(`  refused ${v.refused.keyType} ${v.refused.fingerprint} at ${v.refused.lastAt}: ${v.refused.reason}\n`);
      });
    });
  hostkey
    .command('list')
    .option('--json', 'one JSON object per line')
    .description('every device and jump host: policy, what decides (host_key, known_hosts, pinned), pinned and refused keys')
    .action((opts: { json?: boolean }) => {
      const cfg = config();
      withState(cfg, (state) => {
        for (const v of listHostKeys(cfg, state)) {
          const { settings: _settings, ...rest } = v;
          process.stdout.write((opts.json ? JSON.stringify(rest) : line(v)) + '\n');
        }
      });
    });
  hostkey
    .command('accept')
    .argument('<name>', 'device (or jump host with --jump)')
    .option('--jump', 'the name is a jump host under jump_hosts')
    .option('--by <who>', 'who accepts (default: the OS user)')
    .description('pin the key the device presented when its pull was refused (after a legitimate key change)')
    .action((name: string, opts: { jump?: boolean; by?: string }) => {
      const cfg = config();
      const id = targetId(cfg, name, opts.jump);
      withState(cfg, (state) => {
        let r;
        try {
          r = acceptHostKey(cfg, state, id, actor(opts.by), new Date());
        } catch (err) {
          throw new CliExit(EXIT.failure, (err as Error).message);
        }
        process.stdout.write(`${id}: accepted ${r.new}${r.old ? ` (was ${r.old})` : ''}\n`);
        if (r.advice) process.stdout.write(`note: ${r.advice}\n`);
      });
    });
  hostkey
    .command('forget')
    .argument('<name>', 'device (or jump host with --jump)')
    .option('--jump', 'the name is a jump host under jump_hosts')
    .option('--by <who>', 'who forgets (default: the OS user)')
    .description('forget the pinned key; the next pull pins whatever key it sees (prefer accept)')
    .action((name: string, opts: { jump?: boolean; by?: string }) => {
      const cfg = config();
      const id = targetId(cfg, name, opts.jump);
      withState(cfg, (state) => forgetHostKey(state, id, actor(opts.by), new Date()));
      process.stdout.write(`${opts.jump ? 'jump host ' : ''}${name}: pinned host key forgotten\n`);
    });
  hostkey
    .command('history')
    .argument('[name]', 'device (or jump host with --jump); all when absent')
    .option('--jump', 'the name is a jump host under jump_hosts')
    .description('the audit trail of accept and forget: who, when, old and new fingerprint')
    .action((name: string | undefined, opts: { jump?: boolean }) => {
      const cfg = config();
      const id = name ? targetId(cfg, name, opts.jump) : undefined;
      withState(cfg, (state) => {
        for (const e of hostKeyAuditRepo(state.db).history(id)) {
          process.stdout.write(`${e.at} ${e.device} ${e.action} by ${e.actor}: ${e.oldFingerprint ?? '-'} -> ${e.newFingerprint ?? '-'}\n`);
        }
      });
    });
}
