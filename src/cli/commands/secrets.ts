/**
 * `driftwatch secrets rekey`: a new fingerprint key (after a lost or exposed one). The key file is
 * replaced atomically and a rekey marker recorded; the next pull of each device rewrites its
 * fingerprints as `<name>: secret fingerprints` without alerts (src/secrets/rekey.ts). The key is
 * never printed.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT } from '../../core/exit-codes.js';
import { fingerprintKeyPath, writeNewKey } from '../../secrets/key-file.js';
import { secretsRepo } from '../../state/secrets-repo.js';
import { StateDb } from '../../store/state.js';
import { CliExit, loadConfigOrExit } from '../context.js';

export function registerSecrets(program: Command): void {
  const secrets = program.command('secrets').description('the key behind secret fingerprints');
  secrets
    .command('rekey')
    .option('--force', 'replace a key that is still there (rotation)')
    .description('create a new fingerprint key; the next pull rewrites fingerprints without alerts')
    .action((opts: { force?: boolean }) => {
      const cfg = loadConfigOrExit(program.opts().config, true);
      const path = fingerprintKeyPath(cfg);
      if (existsSync(path) && !opts.force) {
        throw new CliExit(EXIT.usage, `fingerprint key ${path} exists; add --force to replace it (every fingerprint is then re-taken on the next pull)`);
      }
      const state = StateDb.open(cfg.state);
      try {
        writeNewKey(path);
        secretsRepo(state.db).recordRekey(new Date());
      } finally {
        state.close();
      }
      process.stdout.write(`new fingerprint key written to ${path} (mode 0600); the next pull of each device rewrites its fingerprints without alerts\n`);
    });
}
