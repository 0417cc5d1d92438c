/** Reading the store: file texts at revisions, history, commits the state has not seen. */
import { gitOk, runGit } from './git-exec.js';
import { checkRelativePath } from './paths.js';
import { checkRev } from './rev-checks.js';

export interface LogEntry {
  commit: string;
  /** Committer date, strict ISO 8601. */
  date: string;
  subject: string;
  body: string;
}

/** Full commit id of a revision; throws when it does not name a commit. */
export async function resolveCommit(dir: string, rev: string): Promise<string> {
  checkRev(rev);
  const r = await runGit(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (r.code !== 0) throw new Error(`not a commit in the store: ${rev}`);
  return r.stdout.toString('utf8').trim();
}

export async function head(dir: string): Promise<string> {
  return resolveCommit(dir, 'HEAD');
}

/** Whether `ancestor` is in the store and reachable from `descendant`. */
export async function isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
  checkRev(ancestor);
  checkRev(descendant);
  return (await runGit(dir, ['merge-base', '--is-ancestor', ancestor, descendant])).code === 0;
}

/** Many reads through one `git cat-file --batch`; null for each missing file or rev. */
export async function readMany(dir: string, items: ReadonlyArray<{ path: string; rev?: string }>): Promise<Array<string | null>> {
  if (!items.length) return [];
  const input = items
    .map(({ path, rev = 'HEAD' }) => {
      checkRelativePath(path);
      checkRev(rev);
      return `${rev}:${path}\n`;
    })
    .join('');
  const out = await gitOk(dir, ['cat-file', '--batch'], input);
  const texts: Array<string | null> = [];
  let pos = 0;
  for (let k = 0; k < items.length; k++) {
    const nl = out.indexOf(0x0a, pos);
    if (nl < 0) throw new Error('cat-file: truncated output');
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      texts.push(null); // "<name> missing" / "ambiguous"
      continue;
    }
    const size = Number(m[2]);
    texts.push(m[1] === 'blob' ? out.subarray(pos, pos + size).toString('utf8') : null);
    pos += size + 1;
  }
  return texts;
}

/** History of one file (or of everything when `path` is ''), newest first. */
export async function log(dir: string, path: string, limit = 50): Promise<LogEntry[]> {
  if (path) checkRelativePath(path);
  const n = Math.max(1, Math.floor(limit));
  const args = ['log', '-z', `--max-count=${n}`, '--format=%H%x00%cI%x00%s%x00%b', 'HEAD', '--'];
  if (path) args.push(path);
  const out = (await gitOk(dir, args)).toString('utf8');
  const parts = out.split('\0');
  const entries: LogEntry[] = [];
  for (let i = 0; i + 3 < parts.length; i += 4) {
    entries.push({ commit: parts[i]!.replace(/^\n/, ''), date: parts[i + 1]!, subject: parts[i + 2]!, body: parts[i + 3]!.replace(/\n+$/, '') });
  }
  return entries;
}

/**
 * The newest commit per device (from the `Device:` trailers every store commit carries) among the
 * commits after `since` (null: all history), one `git log` pass. Crash recovery and state rebuild.
 */
export async function latestCommitPerDevice(dir: string, since: string | null): Promise<Map<string, string>> {
  if (since) checkRev(since);
  const range = since ? `${since}..HEAD` : 'HEAD';
  const out = (await gitOk(dir, ['log', '-z', '--format=%H%x01%(trailers:key=Device,valueonly,separator=%x02)', range, '--'])).toString('utf8');
  const latest = new Map<string, string>();
  for (const rec of out.split('\0')) {
    const [commit, trailers] = rec.replace(/^\n/, '').split('\x01');
    if (!commit || !trailers) continue;
    for (const device of trailers.trim().split('\x02')) {
      const name = device.trim();
      if (name && !latest.has(name)) latest.set(name, commit); // newest first: keep the first seen
    }
  }
  return latest;
}

/** Every tracked file path at HEAD (e.g. to find devices no longer in the inventory). */
export async function files(dir: string): Promise<string[]> {
  const out = await gitOk(dir, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', 'HEAD']);
  return out.toString('utf8').split('\0').filter(Boolean);
}
