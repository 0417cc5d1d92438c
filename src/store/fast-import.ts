/**
 * One `git fast-import` process per batch: commits stream in on stdin as they are prepared (exact
 * byte lengths, C-quoted paths, mark chaining), commit ids come back through --export-marks.
 * `--done` makes a truncated stream an error instead of a partial import, and fast-import refuses
 * to move a branch to a commit that does not contain its current tip, so a concurrent writer makes
 * the batch fail instead of losing history. Nothing is user-controlled on the command line.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError, spawnGit } from './git-exec.js';

export interface ImportCommit {
  /** Files the commit adds or replaces (one per device, several for a grouped first import). */
  files: ReadonlyArray<{ path: string; data: Buffer }>;
  message: string;
  /** Seconds since the epoch. */
  time: number;
  /** Author name, already safe for the ident line (commitAuthorName); the committer stays driftwatch. */
  author?: string;
}

const IDENT = 'driftwatch <driftwatch@localhost>';
const QUEUE_LIMIT = 8 << 20;
const NL = Buffer.from('\n');

/** C-style quoting as git's unquote_c_style reads it; always quoted, so no path is ever special. */
export function quotePath(path: string): string {
  let out = '"';
  for (const ch of path) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20 || c === 0x7f) out += '\\' + c.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}

export interface FastImport {
  /** Queue one commit on the branch (chained to the previous one). */
  add(c: ImportCommit): Promise<void>;
  /** Finish the stream; resolves to the commit ids in the order added. */
  finish(): Promise<string[]>;
  /** Kill the process; nothing is written to refs. */
  abort(): Promise<void>;
}

/** Start a fast-import appending to `branch` (full ref name) on top of `parent` (null: root commit). */
export function startFastImport(repo: string, gitDir: string, branch: string, parent: string | null): FastImport {
  const marksFile = join(gitDir, `driftwatch-marks-${process.pid}-${randomBytes(6).toString('hex')}`);
  // Fast zlib: a first import streams every config through here; text still packs well, and
  // later repacks recompress what they touch.
  const args = ['-c', 'core.compression=1', '-c', 'pack.compression=1', 'fast-import', '--quiet', '--done', '--date-format=raw', `--export-marks=${marksFile}`];
  const child = spawnGit(repo, args);
  const stderr: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  child.stdout.resume();
  const closed = new Promise<number | null>((resolve) => {
    child.on('error', (e) => {
      stderr.push(Buffer.from(String(e)));
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  let broken: unknown;
  child.stdin.on('error', (e) => (broken = e));
  let count = 0;

  // Queue freely up to a few MB so hashing/diffing here overlaps git's compression there.
  const write = async (buf: Buffer): Promise<void> => {
    if (broken || child.stdin.destroyed) return;
    child.stdin.write(buf);
    if (child.stdin.writableLength < QUEUE_LIMIT) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        child.stdin.off('drain', done);
        child.stdin.off('close', done);
        resolve();
      };
      child.stdin.once('drain', done);
      child.stdin.once('close', done);
    });
  };

  const fail = async (code: number | null) => {
    await rm(marksFile, { force: true });
    return new GitError(args, code, Buffer.concat(stderr).toString('utf8') || String(broken ?? 'stream closed'));
  };

  return {
    async add(c) {
      count++;
      const from = count === 1 ? parent : `:${count - 1}`;
      const msg = Buffer.from(c.message, 'utf8');
      const when = `${Math.floor(c.time)} +0000`;
      const head = Buffer.from(`commit ${branch}\nmark :${count}\nauthor ${c.author ? `${c.author} <driftwatch@localhost>` : IDENT} ${when}\ncommitter ${IDENT} ${when}\ndata ${msg.length}\n`, 'utf8');
      const parts: Buffer[] = [head, msg, Buffer.from(`\n${from ? `from ${from}\n` : ''}`, 'utf8')];
      for (const f of c.files) parts.push(Buffer.from(`M 100644 inline ${quotePath(f.path)}\ndata ${f.data.length}\n`, 'utf8'), f.data, NL);
      parts.push(NL);
      await write(Buffer.concat(parts));
      if (broken || child.exitCode !== null) throw await fail(await closed);
    },
    async finish() {
      await write(Buffer.from('done\n'));
      child.stdin.end();
      const code = await closed;
      if (code !== 0 || broken) throw await fail(code);
      try {
        const marks = new Map<number, string>();
        if (count > 0) {
          for (const line of (await readFile(marksFile, 'utf8')).split('\n')) {
            const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
            if (m) marks.set(Number(m[1]), m[2]!);
          }
        }
        return Array.from({ length: count }, (_, i) => {
          const id = marks.get(i + 1);
          if (!id) throw new Error(`fast-import: no mark for commit ${i + 1}`);
          return id;
        });
      } finally {
        await rm(marksFile, { force: true });
      }
    },
    async abort() {
      child.stdin.destroy();
      if (child.exitCode === null) child.kill('SIGKILL');
      await closed;
      await rm(marksFile, { force: true });
    },
  };
}
