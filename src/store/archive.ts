/**
 * The store: a git repository with one file per device and one commit per change. This class is
 * the one handle callers hold; each job lives in its own module (commit-batch, tree-cache, reads,
 * refs, repo-config-guard) and every git process goes through git-exec.ts.
 */
import { chmodSync, existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { commitBatch, type CommitResult, type SnapshotToCommit } from './commit-batch.js';
import { startFastImport } from './fast-import.js';
import { gitOk, runGit } from './git-exec.js';
import * as reads from './reads.js';
import * as refs from './refs.js';
import { guardRepoConfig } from './repo-config-guard.js';
import { checkRelativePath } from './paths.js';
import { TreeCache } from './tree-cache.js';
import { TMP_PREFIX, refreshIndex, writeAtomic } from './work-tree.js';
import { traceStage } from '../core/stage-trace.js';
import { STORE_README } from './store-readme.js';

export type { CommitResult, SnapshotToCommit } from './commit-batch.js';
export type { LogEntry } from './reads.js';

const PACK_LIMIT = 24;

export interface CommitOptions {
  /** Run before every queued normal batch (a syslog-announced change: detection latency). */
  urgent?: boolean;
  /** Who commits (one cycle's committer): its commits count as unrecorded until headToRecord(writer). */
  writer?: object;
}

export interface ArchiveOptions {
  /** Commit times come from here (tests and replays inject a clock). */
  clock?: () => Date;
  /** Told about risky keys found in the store's own .git/config (they are neutralised anyway). */
  onRiskyConfig?(keys: string[]): void;
}

export class Archive {
  private readonly safeDirs = new Set<string>();
  private readonly lanes: Record<'urgent' | 'normal', Array<() => Promise<void>>> = { urgent: [], normal: [] };
  private draining = false;
  /** Per writer with commits not yet recorded in state: the HEAD before its first such batch (in commit order). */
  private readonly unrecorded = new Map<object, string>();
  private readonly tree: TreeCache;

  private constructor(
    /** Absolute real path of the work tree. */
    readonly dir: string,
    private readonly gitDir: string,
    private readonly branch: string,
    hashAlgo: 'sha1' | 'sha256',
    private readonly clock: () => Date,
  ) {
    this.tree = new TreeCache(dir, hashAlgo);
  }

  /** Open the store at `dir`, creating the folder and repository (branch main, README commit) if missing. */
  static async open(dir: string, opts: ArchiveOptions = {}): Promise<Archive> {
    const abs = resolve(dir);
    await mkdir(abs, { recursive: true, mode: 0o700 });
    const root = realpathSync(abs);
    // Only a repository rooted exactly here counts: a store folder inside another repository (the
    // project's own store/ folder) gets its own repository, never commits to the parent.
    if (!existsSync(join(root, '.git'))) {
      // --template= : no hooks or other files from the operator's template directory.
      await gitOk(root, ['init', '--quiet', '--template=', '--initial-branch=main']);
      // Private whatever the umask: the store is every device's config.
      chmodSync(root, 0o700);
      chmodSync(join(root, '.git'), 0o700);
    }
    const risky = await guardRepoConfig(root);
    if (risky.length) opts.onRiskyConfig?.(risky);
    const gitDir = (await gitOk(root, ['rev-parse', '--absolute-git-dir'])).toString('utf8').trim();
    await excludeTempFiles(gitDir);
    const branchRef = (await runGit(root, ['symbolic-ref', '--quiet', 'HEAD'])).stdout.toString('utf8').trim();
    if (!branchRef.startsWith('refs/heads/')) throw new Error(`store ${root}: HEAD is not on a branch`);
    const format = (await runGit(root, ['rev-parse', '--show-object-format'])).stdout.toString('utf8').trim();
    const archive = new Archive(root, gitDir, branchRef, format === 'sha256' ? 'sha256' : 'sha1', opts.clock ?? (() => new Date()));
    if ((await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).code !== 0) await archive.initialCommit();
    return archive;
  }

  private async initialCommit(): Promise<void> {
    const readme = join(this.dir, 'README.md');
    const text = existsSync(readme) ? await readFile(readme) : Buffer.from(STORE_README);
    const imp = startFastImport(this.dir, this.gitDir, this.branch, null);
    await imp.add({ files: [{ path: 'README.md', data: text }], message: 'Initialize driftwatch store\n', time: this.clock().getTime() / 1000 });
    await imp.finish();
    if (!existsSync(readme)) await writeAtomic(readme, text);
    await refreshIndex(this.dir);
  }

  /**
   * One commit per changed snapshot, in input order, on the store's branch; unchanged -> commit null.
   * Batches run one at a time (one line of history). An `urgent` batch (a pull announced by syslog)
   * runs before every queued normal one; the batch already running is never interrupted.
   */
  commitSnapshots(snaps: SnapshotToCommit[], when: Date = this.clock(), opts: CommitOptions = {}): Promise<CommitResult[]> {
    let listed: string[] | undefined;
    const names = () => (listed ??= snaps.map((s) => s.device));
    const lane = opts.urgent ? 'urgent' : 'normal';
    traceStage('commit-queued', names, lane);
    return new Promise((resolve, reject) => {
      this.lanes[lane].push(async () => {
        traceStage('commit-start', names, lane);
        // Before the batch, not after: its commits are HEAD before commitBatch returns.
        if (opts.writer && !this.unrecorded.has(opts.writer)) this.unrecorded.set(opts.writer, this.tree.head ?? (await this.head()));
        try {
          resolve(await commitBatch({ dir: this.dir, gitDir: this.gitDir, branch: this.branch, tree: this.tree, safeDirs: this.safeDirs }, snaps, when));
        } catch (err) {
          reject(err);
        }
        traceStage('commit-done', names, lane);
      });
      void this.drain();
    });
  }

  /**
   * The store HEAD a writer records in state as seen (app/reconcile.ts finds every commit after it
   * again). Beside other writers (a syslog pull during a scheduled cycle), the HEAD from before the
   * oldest commit another writer has not recorded yet: recording past it would lose that commit's
   * drift in a crash. Older is always safe (reconcile re-reads commits the state already knows).
   */
  async headToRecord(writer: object): Promise<string> {
    this.unrecorded.delete(writer);
    const head = this.tree.head ?? (await this.head());
    const oldest = this.unrecorded.values().next();
    return oldest.done ? head : oldest.value;
  }

  /** Urgent batches first, then normal ones in arrival order; repacking waits while urgent batches are queued. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.nextJob(); job; job = this.nextJob()) {
        await job();
        if (!this.lanes.urgent.length) await this.maybeRepack().catch(() => {});
      }
    } finally {
      this.draining = false;
    }
  }

  private nextJob(): (() => Promise<void>) | undefined {
    return this.lanes.urgent.shift() ?? this.lanes.normal.shift();
  }

  /**
   * Every batch adds one pack. Past PACK_LIMIT packs, combine them geometrically (each repack
   * touches only the small recent packs); git versions without --geometric fall back to `gc --auto`.
   */
  private async maybeRepack(): Promise<void> {
    const packs = (await readdir(join(this.gitDir, 'objects', 'pack')).catch(() => [] as string[])).filter((f) => f.endsWith('.pack'));
    if (packs.length <= PACK_LIMIT) return;
    const r = await runGit(this.dir, ['repack', '-d', '-q', '--geometric=2']);
    if (r.code !== 0) await runGit(this.dir, ['gc', '--auto', '--quiet']);
  }

  /**
   * Synchronous and git-free: true when the last committed tree holds exactly `text` at `path`.
   * False until the first commit batch of this process loaded the tree (callers treat that as changed).
   */
  isStored(path: string, text: string): boolean {
    return this.tree.holds(path, text);
  }

  /** Load the tree cache now (queued behind running commits) so `isStored` can answer from the first pull on. Never throws. */
  async preloadTree(): Promise<void> {
    // Already loaded (the daemon after its first cycle): a syslog pull must not queue behind the
    // running cycle's commit batch just to learn what the cache already knows.
    if (this.tree.synced && this.tree.head) return;
    await new Promise<void>((resolve) => {
      this.lanes.normal.push(async () => {
        await this.tree.load().catch(() => {});
        resolve();
      });
      void this.drain();
    });
  }

  /** Text of `path` at `rev` (default HEAD); null when the file does not exist there. Throws on an unknown rev. */
  async read(path: string, rev = 'HEAD'): Promise<string | null> {
    checkRelativePath(path);
    const [text] = await reads.readMany(this.dir, [{ path, rev: await reads.resolveCommit(this.dir, rev) }]);
    return text ?? null;
  }

  readMany(items: Array<{ path: string; rev?: string }>): Promise<Array<string | null>> {
    return reads.readMany(this.dir, items);
  }

  log(path: string, limit = 50): Promise<reads.LogEntry[]> {
    return reads.log(this.dir, path, limit);
  }

  head(): Promise<string> {
    return reads.head(this.dir);
  }

  resolveCommit(rev: string): Promise<string> {
    return reads.resolveCommit(this.dir, rev);
  }

  isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return reads.isAncestor(this.dir, ancestor, descendant);
  }

  latestCommitPerDevice(since: string | null): Promise<Map<string, string>> {
    return reads.latestCommitPerDevice(this.dir, since);
  }

  files(): Promise<string[]> {
    return reads.files(this.dir);
  }

  setRef(name: string, commit: string, reason?: string): Promise<void> {
    return refs.setRef(this.dir, name, commit, reason);
  }

  setRefs(entries: ReadonlyArray<{ name: string; commit: string }>, reason?: string): Promise<void> {
    return refs.setRefs(this.dir, entries, reason);
  }

  getRef(name: string): Promise<string | null> {
    return refs.getRef(this.dir, name);
  }

  deleteRef(name: string): Promise<void> {
    return refs.deleteRef(this.dir, name);
  }

  listRefs(prefix: string): Promise<Map<string, string>> {
    return refs.listRefs(this.dir, prefix);
  }

  tag(name: string, commit: string, message: string): Promise<void> {
    return refs.tag(this.dir, name, commit, message);
  }

  /**
   * Remove what a crashed run left behind: temp files beside device files and fast-import marks
   * files. Only the writer (holding the lock) may call this: another writer's files would go too.
   */
  async cleanLeftovers(): Promise<number> {
    let removed = 0;
    const sweep = async (dir: string, prefix: string, depth: number): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (e.name === '.git') continue;
        const path = join(dir, e.name);
        if (e.isFile() && e.name.startsWith(prefix)) {
          await rm(path, { force: true });
          removed++;
        } else if (e.isDirectory() && depth > 0) await sweep(path, prefix, depth - 1);
      }
    };
    await sweep(this.dir, TMP_PREFIX, 8);
    await sweep(this.gitDir, 'driftwatch-marks-', 0);
    return removed;
  }

  /** Mode bits of the store folder (permission checks at start). */
  mode(): number {
    return statSync(this.dir).mode & 0o777;
  }
}

/** Temp files of a crashed run never show in `git status`. */
async function excludeTempFiles(gitDir: string): Promise<void> {
  await mkdir(join(gitDir, 'info'), { recursive: true });
  const exclude = join(gitDir, 'info', 'exclude');
  const excl = existsSync(exclude) ? await readFile(exclude, 'utf8') : '';
  if (!excl.includes(TMP_PREFIX)) await writeFile(exclude, `${excl}${excl && !excl.endsWith('\n') ? '\n' : ''}${TMP_PREFIX}*\n`);
}
