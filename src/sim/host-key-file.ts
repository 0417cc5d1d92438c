/**
 * The simulator's host key on disk, so a restarted simulator presents the key driftwatch pinned
 * (a changed key is a host-key-mismatch alert). The file holds the OpenSSH private key, mode 0600.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { generateHostKey, hostKeyFromPrivate, type SimHostKey } from './host-key.js';

export interface LoadedHostKey {
  key: SimHostKey;
  /** false: read from the file; true: generated now (no file, or rotation asked for). */
  created: boolean;
}

/** Read the key at `path`, or generate one and write it there (always when `rotate`). */
export function loadOrCreateHostKey(path: string, rotate = false): LoadedHostKey {
  if (!rotate && existsSync(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`cannot read host key file ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
    try {
      return { key: hostKeyFromPrivate(text), created: false };
    } catch (err) {
      throw new Error(`host key file ${path} is not an SSH private key (${(err as Error).message}); delete it or pass --rotate-keys`);
    }
  }
  const key = generateHostKey();
  // Written beside and renamed: a reader (or a crash) never sees half a key.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, key.privateKey, { mode: 0o600 });
  chmodSync(tmp, 0o600); // the umask may have narrowed nothing, but never widened: be explicit
  renameSync(tmp, path);
  return { key, created: true };
}
