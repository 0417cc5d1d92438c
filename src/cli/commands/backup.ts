import type { Command } from 'commander';
import { fingerprintKeyPath } from '../../secrets/key-file.js';
import { EXIT } from '../../core/exit-codes.js';
import { backup, BackupError } from '../../store/backup.js';
import { packageVersion } from '../version.js';
import { CliExit, loadConfigOrExit } from '../context.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .argument('<dir>', 'new (or empty) folder for state.db, store.bundle and manifest.json')
    .description('copy the state (SQLite online backup) and the store (git bundle of every ref) while the daemon may run')
    .action(async (dir: string) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      try {
        const r = await backup(cfg.state, cfg.store, dir, packageVersion(), new Date(), fingerprintKeyPath(cfg));
        const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
        process.stdout.write(`backup in ${r.dir}: state.db ${kib(r.stateBytes)}, store.bundle ${kib(r.storeBytes)} (${Object.keys(r.refs).length} refs)\n`);
      } catch (err) {
        if (err instanceof BackupError) throw new CliExit(EXIT.usage, `backup: ${err.message}`);
        throw new CliExit(EXIT.failure, `backup failed: ${(err as Error).message}`);
      }
    });
}
