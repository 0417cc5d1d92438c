/**
 * Paths of snapshot files inside the store. A path is relative, posix, and must stay inside the
 * store: no absolute paths, no `.`/`..`/empty segments, no `.git` segment, no control characters
 * or backslashes, no symlinked directory leading out of the store.
 */
import { lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export class UnsafePathError extends Error {
  constructor(path: string, why: string) {
    super(`unsafe store path ${JSON.stringify(path)}: ${why}`);
    this.name = 'UnsafePathError';
  }
}

// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u001f\u007f\\]/;

/** Lexical checks; returns the normalised path (unchanged when valid). Throws UnsafePathError. */
export function checkRelativePath(path: string): string {
  if (typeof path !== 'string' || path.length === 0) throw new UnsafePathError(String(path), 'empty');
  if (path.length > 1024) throw new UnsafePathError(path.slice(0, 40), 'too long');
  if (path.startsWith('/') || isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw new UnsafePathError(path, 'absolute');
  if (BAD_CHARS.test(path)) throw new UnsafePathError(path, 'control character or backslash');
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') throw new UnsafePathError(path, 'empty or "." segment');
    if (seg === '..') throw new UnsafePathError(path, '".." segment');
    if (seg.toLowerCase() === '.git') throw new UnsafePathError(path, '".git" segment');
    if (seg.startsWith('-')) throw new UnsafePathError(path, 'segment starts with "-"');
  }
  return path;
}

/**
 * Full check against a store directory: lexical checks, the resolved path must be inside the
 * store, and no existing directory on the way may be a symlink (or anything but a directory),
 * so a write can never land outside the work tree or inside .git. Returns the absolute path.
 * `realRoot` is realpath(store); `cache` remembers directories already checked.
 */
export function resolveInStore(realRoot: string, path: string, cache?: Set<string>): string {
  checkRelativePath(path);
  const segs = path.split('/');
  const abs = resolve(realRoot, ...segs);
  const rel = relative(realRoot, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UnsafePathError(path, 'leaves the store');
  const dir = dirname(abs);
  if (cache?.has(dir)) return abs;
  let cur = realRoot;
  for (const seg of segs.slice(0, -1)) {
    cur = join(cur, seg);
    let st;
    try {
      st = lstatSync(cur);
    } catch {
      break; // does not exist yet: created as a plain directory on write
    }
    if (st.isSymbolicLink()) throw new UnsafePathError(path, 'goes through a symlink');
    if (!st.isDirectory()) break; // the write will fail cleanly (ENOTDIR) and abort the batch
  }
  cache?.add(dir);
  return abs;
}
