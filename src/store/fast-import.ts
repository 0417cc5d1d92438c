/**
 * One `git fast-import` process per batch: commits stream in on stdin (exact byte lengths, C-quoted
 * paths), marks come back through --export-marks. `--done` makes a truncated stream an error
 * instead of a partial import; fast-import refuses to move a branch to a non-descendant, so a
 * concurrent writer makes the batch fail rather than lose history.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError, spawnGit } from './git-exec.js';

export interface ImportCommit {
  path: string;
  data: Buffer;
  message: string;
  /** `<seconds> +0000` */
  when: string;
}

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

const IDENT = 'driftwatch <driftwatch@localhost>';

function commitHeader(branch: string, mark: number, from: string | null, c: ImportCommit): Buffer {
  const msg = Buffer.from(c.message, 'utf8');
  const head =
    `commit ${branch}\nmark :${mark}\n` +
    `author ${IDENT} ${c.when}\ncommitter ${IDENT} ${c.when}\n` +
    `data ${msg.length}\n`;
  const after = (from ? `from ${from}\n` : '') + `M 100644 inline ${quotePath(c.path)}\ndata ${c.data.length}\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), msg, Buffer.from('\n' + after, 'utf8')]);
}

/**
 * Append `commits` to `branch` (one commit each, in order) starting from `parent` (null: new
 * root). Returns the commit ids in order.
 */
export async function fastImport(repo: string, gitDir: string, branch: string, parent: string | null, commits: ImportCommit[]): Promise<string[]> {
  if (!commits.length) return [];
  const marksFile = join(gitDir, `driftwatch-marks-${process.pid}-${randomBytes(6).toString('hex')}`);
  const args = ['fast-import', '--quiet', '--done', '--date-format=raw', `--export-marks=${marksFile}`];
  const child = spawnGit(repo, args);
  const stderr: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  child.stdout.resume();
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  let writeError: unknown;
  child.stdin.on('error', (e) => (writeError = e));

  const write = (buf: Buffer | string) =>
    new Promise<void>((resolve) => {
      if (writeError) return resolve();
      if (child.stdin.write(buf)) resolve();
      else {
        const done = () => {
          child.stdin.off('drain', done);
          child.stdin.off('close', done);
          resolve();
        };
        child.stdin.once('drain', done);
        child.stdin.once('close', done);
      }
    });

  try {
    for (let i = 0; i < commits.length; i++) {
      const c = commits[i]!;
      const from = i === 0 ? parent : `:${i}`;
      await write(commitHeader(branch, i + 1, from, c));
      await write(c.data);
      await write('\n\n');
      if (writeError) break;
    }
    if (!writeError) await write('done\n');
    child.stdin.end();
    const code = await closed;
    if (code !== 0 || writeError) throw new GitError(args, code, Buffer.concat(stderr).toString('utf8') || String(writeError));
    const marks = new Map<number, string>();
    for (const line of (await readFile(marksFile, 'utf8')).split('\n')) {
      const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
      if (m) marks.set(Number(m[1]), m[2]!);
    }
    return commits.map((_, i) => {
      const id = marks.get(i + 1);
      if (!id) throw new Error(`fast-import: no mark for commit ${i + 1}`);
      return id;
    });
  } finally {
    await rm(marksFile, { force: true });
  }
}
