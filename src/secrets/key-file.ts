/**
 * The fingerprint key on disk: 32 random bytes, mode 0600, created on first run in the state
 * directory (or at `fingerprint_key_file`, e.g. a systemd credential). Never in the store, never
 * logged: errors name the file, never its content.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FINGERPRINT_KEY_BYTES } from './fingerprint.js';

export const KEY_MISSING_MESSAGE =
  'fingerprint key missing; `driftwatch secrets rekey` creates a new one and rewrites fingerprints without alerts';

export class FingerprintKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FingerprintKeyError';
  }
}

/** `fingerprint_key_file` resolved against the config file's folder; default: beside the state file. */
export function fingerprintKeyPath(cfg: { file: string; state: string; fingerprint_key_file?: string }): string {
  if (cfg.fingerprint_key_file) return resolve(dirname(cfg.file), cfg.fingerprint_key_file);
  return resolve(dirname(cfg.state), 'fingerprint.key');
}

function readKey(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FingerprintKeyError(`cannot read fingerprint key ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  try {
    const st = fstatSync(fd);
    // Group or others able to read it: anyone on the box could test guesses against the store.
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new FingerprintKeyError(`fingerprint key ${path} is readable by group or others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it`);
    }
    const key = readFileSync(fd);
    if (key.length !== FINGERPRINT_KEY_BYTES) {
      throw new FingerprintKeyError(`fingerprint key ${path} must hold exactly ${FINGERPRINT_KEY_BYTES} bytes, it holds ${key.length}`);
    }
    return key;
  } finally {
    closeSync(fd);
  }
}

/** Write a fresh key atomically (temp file 0600, then rename): a crash never leaves half a key. */
export function writeNewKey(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(FINGERPRINT_KEY_BYTES);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return key;
}

/**
 * The key at `path`, created when absent, unless the store already holds fingerprints: a new key
 * would change every fingerprint and raise an alert for every secret of the fleet.
 */
export function loadOrCreateKey(path: string, storeHasFingerprints: () => boolean): Buffer {
  const existing = readKey(path);
  if (existing) return existing;
  if (storeHasFingerprints()) throw new FingerprintKeyError(`${KEY_MISSING_MESSAGE} (expected at ${path})`);
  return writeNewKey(path);
}
