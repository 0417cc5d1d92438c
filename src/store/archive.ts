/**
 * The store: a git repository with one file per device and one commit per change.
 *
 * Batches are written with one `git fast-import` per commitSnapshots call (no per-device process),
 * unchanged texts are detected in-process by hashing them as git blobs against a cached listing
 * of HEAD's tree, and the work tree and index are kept equal to HEAD (files replaced atomically,
 * index refreshed once per batch), so people can use plain `git log -p`, `git show`, `git diff`.
 *
 * Cost model: a commit stores new tree objects for the directories it touches, so with N files in
 * one directory each commit costs O(N) inside git (10,000 files: a few ms per commit) and a first
 * import of N new files there is O(N^2) (10,000: ~18 s of fast-import CPU); spreading devices over
 * groups (directories) divides that. Unchanged snapshots cost one in-process hash each.
 *
 * Every git process runs with an isolated environment (see git-exec.ts): no global/system config,
 * hooks or templates of the operator, explicit identity `driftwatch <driftwatch@localhost>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { assertSafeName, buildCommitMessage, buildImportMessage, checkTrailerKeys } from './commit-message.js';
import { startFastImport, type FastImport, type ImportCommit } from './fast-import.js';
import { GIT_ENV, gitEnv, gitOk, runGit } from './git-exec.js';
import { lineStats } from './line-stats.js';
import { checkRelativePath, resolveInStore } from './paths.js';
import { StagedFiles, TMP_PREFIX, refreshIndex, writeAtomic } from './work-tree.js';

/** More first snapshots than this in one batch are committed together (see commitBatch). */
const FIRST_IMPORT_GROUP = 100;

export interface SnapshotToCommit {
  device: string;
  platform: string;
  /** Relative, posix, e.g. "core/sw1.cfg" or "sw1.cfg". */
  path: string;
  text: string;
  /** Extra trailers, e.g. attribution (`Changed-By: alice`). Values are sanitised. */
  trailers?: Record<string, string>;
}

export interface CommitResult {
  device: string;
  path: string;
  /** null: text unchanged, nothing committed. */
  commit: string | null;
  added: number;
  removed: number;
}

export interface LogEntry {
  commit: string;
  /** Committer date, strict ISO 8601. */
  date: string;
  subject: string;
  body: string;
}

const PACK_LIMIT = 24;

const README = `# driftwatch store

This git repository is written by driftwatch: one file per device (\`<group>/<name>.cfg\`),
one commit per change (subject \`<name>: +A -D lines\`, trailers \`Device:\` and \`Platform:\`),
one ref per approved baseline (\`refs/baselines/<name>\`), annotated tags for approvals.

Read it with plain git, e.g. \`git log -p -- core/sw1.cfg\` or
\`git diff refs/baselines/sw1 HEAD -- core/sw1.cfg\`. Do not edit files here: driftwatch keeps
the work tree equal to HEAD and discards local edits.
`;

export class Archive {
  private tree: Map<string, string> | null = null;
  private treeHead: string | null = null;
  private synced = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly safeDirs = new Set<string>();

  private constructor(
    /** Absolute real path of the work tree. */
    readonly dir: string,
    private readonly gitDir: string,
    private readonly branch: string,
    private readonly hashAlgo: 'sha1' | 'sha256',
  ) {}

  /** Open the store at `dir`, creating the folder and repository (branch main, README commit) if missing. */
  static async open(dir: string): Promise<Archive> {
    const abs = resolve(dir);
    await mkdir(abs, { recursive: true });
    const root = realpathSync(abs);
    // Only a repository rooted exactly here counts: a store folder inside another repository (the
    // project's own store/ folder) gets its own repository, never commits to the parent.
    if (!existsSync(join(root, '.git'))) {
      // --template= : no hooks or other files from the operator's template directory.
      await gitOk(root, ['init', '--quiet', '--template=', '--initial-branch=main']);
      await gitOk(root, ['config', 'core.autocrlf', 'false']);
      await gitOk(root, ['config', 'core.safecrlf', 'false']);
    }
    const git = sg(root);
    const gitDir = (await git.raw(['rev-parse', '--absolute-git-dir'])).trim();
    await mkdir(join(gitDir, 'info'), { recursive: true });
    const exclude = join(gitDir, 'info', 'exclude');
    const excl = existsSync(exclude) ? await readFile(exclude, 'utf8') : '';
    if (!excl.includes(TMP_PREFIX)) await writeFile(exclude, `${excl}${excl && !excl.endsWith('\n') ? '\n' : ''}${TMP_PREFIX}*\n`);

    const branchRef = (await git.raw(['symbolic-ref', '--quiet', 'HEAD']).catch(() => '')).trim();
    if (!branchRef.startsWith('refs/heads/')) throw new Error(`store ${root}: HEAD is not on a branch`);
    const format = (await git.raw(['rev-parse', '--show-object-format']).catch(() => 'sha1')).trim();
    const archive = new Archive(root, gitDir, branchRef, format === 'sha256' ? 'sha256' : 'sha1');
    if ((await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).code !== 0) {
      await archive.initialCommit();
    }
    return archive;
  }

  private async initialCommit(): Promise<void> {
    const readme = join(this.dir, 'README.md');
    const text = existsSync(readme) ? await readFile(readme) : Buffer.from(README);
    const imp = startFastImport(this.dir, this.gitDir, this.branch, null);
    await imp.add({ files: [{ path: 'README.md', data: text }], message: 'Initialize driftwatch store\n', time: Date.now() / 1000 });
    await imp.finish();
    if (!existsSync(readme)) await writeAtomic(readme, text);
    await refreshIndex(this.dir);
  }

  private git(): SimpleGit {
    return sg(this.dir);
  }

  /** One commit per changed snapshot, in input order, on the store's branch; unchanged → commit null. */
  commitSnapshots(snaps: SnapshotToCommit[], when: Date = new Date()): Promise<CommitResult[]> {
    const run = this.queue.then(() => this.commitBatch(snaps, when));
    this.queue = run.catch(() => {});
    return run;
  }

  private async commitBatch(snaps: SnapshotToCommit[], when: Date): Promise<CommitResult[]> {
    // Validate everything before writing anything: a bad entry rejects the whole batch.
    const absPaths = snaps.map((s) => {
      assertSafeName('device name', s.device);
      assertSafeName('platform', s.platform);
      checkTrailerKeys(s.trailers);
      if (typeof s.text !== 'string') throw new Error(`snapshot of ${s.device}: text is not a string`);
      return resolveInStore(this.dir, s.path, this.safeDirs);
    });
    if (!snaps.length) return [];
    if (!(when instanceof Date) || Number.isNaN(when.getTime())) throw new Error('commitSnapshots: invalid date');
    const prof = process.env.DRIFTWATCH_STORE_PROFILE ? new Profile() : undefined;
    const head = await this.loadTree();
    prof?.mark('load-tree');
    const tree = this.tree!;
    const time = when.getTime() / 1000;

    // Stream commits to fast-import while staging the new files as temp files beside their
    // targets; only when both succeeded do the renames happen (work tree never ahead of HEAD).
    // Started on the first changed snapshot: an all-unchanged batch spawns no fast-import.
    let started: FastImport | undefined;
    const imp = {
      add: (c: ImportCommit) => (started ??= startFastImport(this.dir, this.gitDir, this.branch, head)).add(c),
      finish: async () => (started ? started.finish() : []),
      abort: async () => started?.abort(),
    };
    const staged = new StagedFiles();
    const results: CommitResult[] = [];
    // changed[k] = the snapshot indexes that commit k holds.
    const changed: number[][] = [];
    // A large first import goes in one commit per batch: git stores a full tree per commit, so one
    // commit per new file would cost N^2/2 tree entries (10,000 devices: hours of zlib).
    const firsts = snaps.filter((s) => !tree.has(s.path)).length;
    const group: Array<{ index: number; path: string; data: Buffer; device: string; platform: string; added: number }> = [];
    const pending = new Map<string, { oid: string; text: string }>();
    let ids: string[];
    try {
      for (let i = 0; i < snaps.length; i++) {
        const s = snaps[i]!;
        const oid = this.textId(s.text);
        const prev = pending.get(s.path);
        const prevOid = prev?.oid ?? tree.get(s.path);
        if (prevOid === oid) {
          results.push({ device: s.device, path: s.path, commit: null, added: 0, removed: 0 });
          continue;
        }
        const prevText = prev ? prev.text : prevOid ? await this.previousText(absPaths[i]!, prevOid) : null;
        const { added, removed } = lineStats(prevText, s.text);
        const data = Buffer.from(s.text, 'utf8');
        await staged.stage(absPaths[i]!, data);
        pending.set(s.path, { oid, text: s.text });
        results.push({ device: s.device, path: s.path, commit: null, added, removed });
        if (!prevOid && firsts > FIRST_IMPORT_GROUP) {
          group.push({ index: i, path: s.path, data, device: s.device, platform: s.platform, added });
          continue;
        }
        await imp.add({ files: [{ path: s.path, data }], time, message: buildCommitMessage({ device: s.device, platform: s.platform, added, removed, trailers: s.trailers }) });
        changed.push([i]);
      }
      if (group.length) {
        await imp.add({ files: group, time, message: buildImportMessage(group) });
        changed.push(group.map((g) => g.index));
      }
      await staged.settle();
      prof?.mark('stream');
      ids = await imp.finish();
      prof?.mark('fast-import-finish');
    } catch (err) {
      await imp.abort();
      await staged.discard();
      throw err;
    }
    if (!ids.length) return results;
    changed.forEach((indexes, k) => indexes.forEach((index) => (results[index]!.commit = ids[k]!)));
    for (const [path, p] of pending) tree.set(path, p.oid);
    this.treeHead = ids[ids.length - 1]!;

    try {
      await staged.commit();
      prof?.mark('rename-files');
      await refreshIndex(this.dir);
      prof?.mark('refresh-index');
    } catch {
      // The commits are in; the next batch resets the work tree to HEAD before anything else.
      this.synced = false;
    }
    await this.maybeGc();
    prof?.mark('gc');
    prof?.print(`${snaps.length} snapshots, ${ids.length} commits`);
    return results;
  }

  /** Cached listing of HEAD's tree; on first use (or when HEAD moved behind our back) the work tree is reset to HEAD. */
  private async loadTree(): Promise<string> {
    const head = (await gitOk(this.dir, ['rev-parse', '--verify', 'HEAD^{commit}'])).toString('utf8').trim();
    if (this.tree && this.treeHead === head && this.synced) return head;
    const out = await gitOk(this.dir, ['ls-tree', '-r', '-z', '--full-tree', head]);
    const tree = new Map<string, string>();
    for (const rec of out.toString('utf8').split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const [, type, oid] = rec.slice(0, tab).split(' ');
      if (type === 'blob' && oid) tree.set(rec.slice(tab + 1), oid);
    }
    // The work tree mirrors HEAD: make it so (cheap when it already is; only differing files are written).
    await gitOk(this.dir, ['reset', '--quiet', '--hard', head]);
    this.tree = tree;
    this.treeHead = head;
    this.synced = true;
    return head;
  }

  /** Previous text of a file: the work-tree copy when it hashes to the committed blob, else the blob itself. */
  private async previousText(abs: string, oid: string): Promise<string> {
    try {
      const buf = await readFile(abs);
      if (this.blobId(buf) === oid) return buf.toString('utf8');
    } catch {
      /* fall through to the object database */
    }
    return (await gitOk(this.dir, ['cat-file', 'blob', oid])).toString('utf8');
  }

  private blobId(data: Buffer): string {
    return createHash(this.hashAlgo).update(`blob ${data.length}\0`).update(data).digest('hex');
  }

  /** Blob id of a text as UTF-8, without materialising the bytes. */
  private textId(text: string): string {
    return createHash(this.hashAlgo).update(`blob ${Buffer.byteLength(text, 'utf8')}\0`).update(text, 'utf8').digest('hex');
  }

  /**
   * Every batch adds one pack. Past PACK_LIMIT packs, combine them geometrically (each repack
   * touches only the small recent packs, so the cost stays proportional to what was added);
   * git versions without --geometric fall back to `gc --auto`.
   */
  private async maybeGc(): Promise<void> {
    const packs = (await readdir(join(this.gitDir, 'objects', 'pack')).catch(() => [] as string[])).filter((f) => f.endsWith('.pack'));
    if (packs.length <= PACK_LIMIT) return;
    const r = await runGit(this.dir, ['repack', '-d', '-q', '--geometric=2']);
    if (r.code !== 0) await runGit(this.dir, ['gc', '--auto', '--quiet']);
  }

  /** Text of `path` at `rev` (default HEAD); null when the file does not exist there. Throws on an unknown rev. */
  async read(path: string, rev = 'HEAD'): Promise<string | null> {
    checkRelativePath(path);
    const commit = await this.resolveCommit(rev);
    const [text] = await this.readMany([{ path, rev: commit }]);
    return text ?? null;
  }

  /** Many reads through one `git cat-file --batch`; null for each missing file or rev. */
  async readMany(items: Array<{ path: string; rev?: string }>): Promise<Array<string | null>> {
    if (!items.length) return [];
    const input = items
      .map(({ path, rev = 'HEAD' }) => {
        checkRelativePath(path);
        checkRev(rev);
        return `${rev}:${path}\n`;
      })
      .join('');
    const out = await gitOk(this.dir, ['cat-file', '--batch'], input);
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
  async log(path: string, limit = 50): Promise<LogEntry[]> {
    if (path) checkRelativePath(path);
    const n = Math.max(1, Math.floor(limit));
    const args = ['log', '-z', `--max-count=${n}`, '--format=%H%x00%cI%x00%s%x00%b', 'HEAD', '--'];
    if (path) args.push(path);
    const out = (await gitOk(this.dir, args)).toString('utf8');
    const parts = out.split('\0');
    const entries: LogEntry[] = [];
    for (let i = 0; i + 3 < parts.length; i += 4) {
      entries.push({ commit: parts[i]!.replace(/^\n/, ''), date: parts[i + 1]!, subject: parts[i + 2]!, body: parts[i + 3]!.replace(/\n+$/, '') });
    }
    return entries;
  }

  async head(): Promise<string> {
    return (await this.git().raw(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  }

  /** Point a full ref name (e.g. `refs/baselines/sw1`) at a commit. */
  async setRef(name: string, commit: string, reason = 'driftwatch'): Promise<void> {
    await checkRefName(this.dir, name);
    const id = await this.resolveCommit(commit);
    await this.git().raw(['update-ref', '-m', oneLine(reason), name, id]);
  }

  /**
   * Point many refs at commits with one `git update-ref --stdin` (a cycle's new baselines).
   * Names are checked here (no `git check-ref-format` per ref); ids must be full commit ids.
   */
  async setRefs(entries: ReadonlyArray<{ name: string; commit: string }>, reason = 'driftwatch'): Promise<void> {
    if (!entries.length) return;
    for (const e of entries) {
      if (!/^refs\/[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(e.name) || /\.\.|\/\.|\.lock(\/|$)|\/$/.test(e.name)) {
        throw new Error(`unsafe ref name ${JSON.stringify(e.name)}`);
      }
      if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(e.commit)) throw new Error(`not a full commit id: ${JSON.stringify(e.commit)}`);
    }
    await gitOk(this.dir, ['update-ref', '-m', oneLine(reason), '--stdin'], entries.map((e) => `update ${e.name} ${e.commit}\n`).join(''));
  }

  /** What a full ref name points at, or null. */
  async getRef(name: string): Promise<string | null> {
    await checkRefName(this.dir, name);
    const r = await runGit(this.dir, ['rev-parse', '--verify', '--quiet', name]);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
  }

  async deleteRef(name: string): Promise<void> {
    await checkRefName(this.dir, name);
    await this.git().raw(['update-ref', '-d', name]);
  }

  /** Annotated tag `refs/tags/<name>` on a commit (approvals). Fails when the tag exists. */
  async tag(name: string, commit: string, message: string): Promise<void> {
    if (typeof name !== 'string' || name.startsWith('refs/') || name.startsWith('-')) throw new Error(`invalid tag name ${JSON.stringify(name)}`);
    await checkRefName(this.dir, `refs/tags/${name}`);
    const id = await this.resolveCommit(commit);
    // Message through stdin (-F -): never on the command line, never an option.
    await gitOk(this.dir, ['tag', '--annotate', '--cleanup=verbatim', '--file=-', name, id], cleanMessage(message) || 'approved\n');
  }

  /** Full commit id of a revision; throws when it does not name a commit. */
  async resolveCommit(rev: string): Promise<string> {
    checkRev(rev);
    const r = await runGit(this.dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    if (r.code !== 0) throw new Error(`not a commit in the store: ${rev}`);
    return r.stdout.toString('utf8').trim();
  }

  /** Every tracked file path at HEAD (e.g. to find devices no longer in the inventory). */
  async files(): Promise<string[]> {
    const out = await gitOk(this.dir, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', 'HEAD']);
    return out.toString('utf8').split('\0').filter(Boolean);
  }
}

class Profile {
  private t = performance.now();
  private readonly parts: string[] = [];
  mark(name: string): void {
    const now = performance.now();
    this.parts.push(`${name} ${(now - this.t).toFixed(0)}ms`);
    this.t = now;
  }
  print(what: string): void {
    process.stderr.write(`[store] ${what}: ${this.parts.join(', ')}\n`);
  }
}

function sg(dir: string): SimpleGit {
  // GIT_CONFIG_GLOBAL=/dev/null is our own constant (isolation from the operator's config), not user data.
  return simpleGit({ baseDir: dir, allowEnvironment: Object.keys(gitEnv()), unsafe: { allowUnsafeConfigPaths: true } }).env(gitEnv());
}

/** A revision string that cannot be read as an option or break the cat-file line protocol. */
function checkRev(rev: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof rev !== 'string' || !rev || rev.startsWith('-') || /[\u0000-\u001f\u007f]/.test(rev) || rev.length > 256) {
    throw new Error(`invalid revision ${JSON.stringify(rev)}`);
  }
}

async function checkRefName(dir: string, name: string): Promise<void> {
  if (typeof name !== 'string' || !name.startsWith('refs/') || name.length > 256) throw new Error(`invalid ref name ${JSON.stringify(name)}`);
  const r = await runGit(dir, ['check-ref-format', name]);
  if (r.code !== 0) throw new Error(`invalid ref name ${JSON.stringify(name)}`);
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200) || 'driftwatch';
}

/** Tag messages may span lines (operator text); other control characters are dropped. */
function cleanMessage(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  return t ? t + '\n' : '';
}
