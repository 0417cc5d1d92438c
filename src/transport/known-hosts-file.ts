/**
 * Reads a known_hosts file once and again only when it changes (size or mtime): thousands of
 * pulls per cycle must not re-read and re-parse it each time. A file that cannot be read refuses
 * the pull (a key that cannot be verified is not trusted).
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { PullError } from '../core/errors.js';
import { parseKnownHosts, type KnownHosts } from './known-hosts.js';

/** A known_hosts of 10 MB is far beyond any real fleet; past it the file is refused. */
const MAX_BYTES = 10 * 1024 * 1024;

const cache = new Map<string, { stamp: string; parsed: KnownHosts }>();

/** `~/` is the home directory; a relative path is relative to the config file's folder. */
export function knownHostsPath(path: string, configDir: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(configDir, path);
}

export function loadKnownHosts(path: string): KnownHosts {
  let stamp: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'not a regular file' });
    if (st.size > MAX_BYTES) throw Object.assign(new Error('too big'), { code: `larger than ${MAX_BYTES} bytes` });
    stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    const hit = cache.get(path);
    if (hit?.stamp === stamp) return hit.parsed;
    const parsed = parseKnownHosts(readFileSync(path, 'utf8'), path);
    cache.set(path, { stamp, parsed });
    return parsed;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new PullError('host-key-mismatch', `cannot read known_hosts ${path}: ${code}; the host key cannot be verified`);
  }
}
