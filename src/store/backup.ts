/**
 * A consistent copy of state and store while the daemon runs: the SQLite file through SQLite's
 * online backup (a WAL-mode file must not be copied with cp), then the git store as a bundle of
 * every ref (branch, refs/baselines/*, approval tags). State goes first: commits are only ever
 * added, so the later bundle holds every commit the copied state names.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitOk } from './git-exec.js';
import { StateDb } from './state.js';

export const BACKUP_FILES = { state: 'state.db', store: 'store.bundle', key: 'fingerprint.key', manifest: 'manifest.json' } as const;

export interface BackupResult {
  dir: string;
  stateBytes: number;
  storeBytes: number;
  /** `refs/heads/main`, `refs/baselines/sw1`, ... with their commits. */
  refs: Record<string, string>;
}

export class BackupError extends Error {}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Back up `statePath` and the store at `storeDir` into `dir` (created; must be new or empty). */
/** `keyFile`: the secrets fingerprint key; without it the restored store's fingerprints could not be continued. */
export async function backup(statePath: string, storeDir: string, dir: string, version: string, now = new Date(), keyFile?: string): Promise<BackupResult> {
  const out = resolve(dir);
  if (!existsSync(statePath)) throw new BackupError(`no state file at ${statePath}: nothing to back up (has driftwatch run with this config?)`);
  if (!existsSync(join(storeDir, '.git'))) throw new BackupError(`no git store at ${storeDir}: nothing to back up`);
  if (existsSync(out) && readdirSync(out).length) throw new BackupError(`${out} is not empty: back up into a new folder (nothing was written)`);
  mkdirSync(out, { recursive: true, mode: 0o700 });

  const stateFile = join(out, BACKUP_FILES.state);
  const state = StateDb.open(statePath);
  try {
    await state.db.backup(stateFile);
  } finally {
    state.close();
  }
  const bundle = join(out, BACKUP_FILES.store);
  await gitOk(storeDir, ['bundle', 'create', '--quiet', bundle, '--all']);
  await gitOk(storeDir, ['bundle', 'verify', '--quiet', bundle]);
  const refs: Record<string, string> = {};
  for (const line of (await gitOk(storeDir, ['bundle', 'list-heads', bundle])).toString('utf8').split('\n')) {
    const [commit, ref] = line.split(' ');
    if (commit && ref) refs[ref] = commit;
  }
  const key = keyFile && existsSync(keyFile) ? join(out, BACKUP_FILES.key) : undefined;
  if (key) copyFileSync(keyFile!, key);
  for (const f of [stateFile, bundle, ...(key ? [key] : [])]) chmodSync(f, 0o600); // configs, history, key: private
  const result: BackupResult = { dir: out, stateBytes: statSync(stateFile).size, storeBytes: statSync(bundle).size, refs };
  const manifest = {
    driftwatch: version,
    created: now.toISOString(),
    files: { [BACKUP_FILES.state]: await sha256(stateFile), [BACKUP_FILES.store]: await sha256(bundle), ...(key ? { [BACKUP_FILES.key]: await sha256(key) } : {}) },
    refs,
  };
  writeFileSync(join(out, BACKUP_FILES.manifest), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  return result;
}
