import type { Command } from 'commander';
import { CliExit, findDevice, loadConfigOrExit } from '../context.js';
import { EXIT } from '../../core/exit-codes.js';
import { StateDb } from '../../store/state.js';

export function registerHostKey(program: Command): void {
  const hostkey = program.command('hostkey').description('pinned SSH host keys');
  hostkey
    .command('show')
    .argument('<device>')
    .description('print the pinned host key of a device')
    .action((name: string) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      findDevice(cfg, name);
      const state = StateDb.open(cfg.state);
      try {
        const key = state.getHostKey(name);
        process.stdout.write(key ? `${name} ${key.keyType} ${key.fingerprint} (first seen ${key.firstSeen}, last seen ${key.lastSeen})\n` : `${name}: no key pinned yet\n`);
      } finally {
        state.close();
      }
    });
  hostkey
    .command('forget')
    .argument('<name>', 'device (or jump host with --jump)')
    .option('--jump', 'the name is a jump host under jump_hosts')
    .description('forget the pinned key (after a legitimate key change); the next pull pins the new one')
    .action((name: string, opts: { jump?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      if (opts.jump && !cfg.jump_hosts[name]) throw new CliExit(EXIT.usage, `unknown jump host: ${name} (not in ${cfg.file})`);
      if (!opts.jump) findDevice(cfg, name);
      const state = StateDb.open(cfg.state);
      try {
        state.forgetHostKey(opts.jump ? `jump:${name}` : name);
        process.stdout.write(`${opts.jump ? 'jump host ' : ''}${name}: pinned host key forgotten\n`);
      } finally {
        state.close();
      }
    });
}
