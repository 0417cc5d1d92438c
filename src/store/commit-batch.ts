/**
 * One batch of snapshots into the store with one `git fast-import`: unchanged texts are skipped by
 * blob id, new files are staged as temp files beside their targets while the commits stream, and
 * renamed into place only once the commits exist (the work tree is never ahead of HEAD).
 *
 * Cost model: a commit stores new tree objects for the directories it touches, so with N files in
 * one directory each commit costs O(N) inside git, and a first import of N new files there is
 * O(N^2); large first imports are therefore grouped into one commit per batch.
 */
import { assertSafeName, buildCommitMessage, buildImportMessage, checkTrailerKeys, commitAuthorName } from './commit-message.js';
import { startFastImport, type FastImport, type ImportCommit } from './fast-import.js';
import { lineStats } from './line-stats.js';
import { resolveInStore } from './paths.js';
import type { TreeCache } from './tree-cache.js';
import { StagedFiles, refreshIndex } from './work-tree.js';

/** More first snapshots than this in one batch are committed together. */
const FIRST_IMPORT_GROUP = 100;

export interface SnapshotToCommit {
  device: string;
  platform: string;
  /** Relative, posix, e.g. "core/sw1.cfg" or "sw1.cfg". */
  path: string;
  text: string;
  /** Extra trailers, e.g. attribution (`Changed-By: alice`). Values are sanitised. */
  trailers?: Record<string, string>;
  /** Commit author name (the device user who made the change); sanitised; absent: driftwatch. */
  author?: string;
  /** Subject instead of `<name>: +A -D lines` (e.g. `<name>: secret fingerprints`). */
  subject?: string;
  /** Chooses the subject from the previously stored text (null: first snapshot); undefined: the usual one. */
  subjectFor?(previous: string | null): string | undefined;
  /**
   * Asked when the batch is written (not when it was queued): true drops the snapshot, because a
   * newer pull of the device started meanwhile and its text must not be overwritten by this older one.
   */
  superseded?(): boolean;
}

export interface CommitResult {
  device: string;
  path: string;
  /** null: text unchanged (or superseded), nothing committed. */
  commit: string | null;
  /** Dropped: a newer pull of the device started before this batch was written. */
  superseded?: true;
  /** Line counts against the previous stored version (commit subject stats). */
  added: number;
  removed: number;
}

export interface BatchTarget {
  dir: string;
  gitDir: string;
  branch: string;
  tree: TreeCache;
  safeDirs: Set<string>;
}

export async function commitBatch(t: BatchTarget, snaps: readonly SnapshotToCommit[], when: Date): Promise<CommitResult[]> {
  // Validate everything before writing anything: a bad entry rejects the whole batch.
  const absPaths = snaps.map((s) => {
    assertSafeName('device name', s.device);
    assertSafeName('platform', s.platform);
    checkTrailerKeys(s.trailers);
    if (typeof s.text !== 'string') throw new Error(`snapshot of ${s.device}: text is not a string`);
    return resolveInStore(t.dir, s.path, t.safeDirs);
  });
  if (!snaps.length) return [];
  if (!(when instanceof Date) || Number.isNaN(when.getTime())) throw new Error('commitSnapshots: invalid date');
  const head = await t.tree.load();
  const tree = t.tree.blobs;
  const time = when.getTime() / 1000;

  // Started on the first changed snapshot: an all-unchanged batch spawns no fast-import.
  let started: FastImport | undefined;
  const imp = {
    add: (c: ImportCommit) => (started ??= startFastImport(t.dir, t.gitDir, t.branch, head)).add(c),
    finish: async () => (started ? started.finish() : []),
    abort: async () => started?.abort(),
  };
  const staged = new StagedFiles();
  const results: CommitResult[] = [];
  const changed: number[][] = []; // changed[k] = the snapshot indexes commit k holds
  const firsts = snaps.filter((s) => !tree.has(s.path)).length;
  const group: Array<{ index: number; path: string; data: Buffer; device: string; platform: string; added: number }> = [];
  const pending = new Map<string, { oid: string; text: string }>();
  let ids: string[];
  try {
    for (let i = 0; i < snaps.length; i++) {
      const s = snaps[i]!;
      if (s.superseded?.()) {
        results.push({ device: s.device, path: s.path, commit: null, added: 0, removed: 0, superseded: true });
        continue;
      }
      const oid = t.tree.textId(s.text);
      const prev = pending.get(s.path);
      const prevOid = prev?.oid ?? tree.get(s.path);
      if (prevOid === oid) {
        results.push({ device: s.device, path: s.path, commit: null, added: 0, removed: 0 });
        continue;
      }
      const prevText = prev ? prev.text : prevOid ? await t.tree.previousText(absPaths[i]!, prevOid) : null;
      const { added, removed } = lineStats(prevText, s.text);
      const data = Buffer.from(s.text, 'utf8');
      await staged.stage(absPaths[i]!, data);
      pending.set(s.path, { oid, text: s.text });
      results.push({ device: s.device, path: s.path, commit: null, added, removed });
      if (!prevOid && firsts > FIRST_IMPORT_GROUP) {
        group.push({ index: i, path: s.path, data, device: s.device, platform: s.platform, added });
        continue;
      }
      const message = buildCommitMessage({ device: s.device, platform: s.platform, added, removed, trailers: s.trailers, subject: s.subject ?? s.subjectFor?.(prevText) });
      await imp.add({ files: [{ path: s.path, data }], time, message, author: commitAuthorName(s.author) });
      changed.push([i]);
    }
    if (group.length) {
      await imp.add({ files: group, time, message: buildImportMessage(group) });
      changed.push(group.map((g) => g.index));
    }
    await staged.settle();
    ids = await imp.finish();
  } catch (err) {
    await imp.abort();
    await staged.discard();
    throw err;
  }
  if (!ids.length) return results;
  changed.forEach((indexes, k) => indexes.forEach((index) => (results[index]!.commit = ids[k]!)));
  for (const [path, p] of pending) tree.set(path, p.oid);
  t.tree.head = ids[ids.length - 1]!;
  try {
    await staged.commit();
    await refreshIndex(t.dir);
  } catch {
    // The commits are in; the next batch resets the work tree to HEAD before anything else.
    t.tree.synced = false;
  }
  return results;
}
