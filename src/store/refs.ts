/** Refs of the store: baselines (`refs/baselines/<device>`) and approval tags. */
import { gitOk, runGit } from './git-exec.js';
import { checkFullId, checkRefName, checkRefNameFast, cleanMessage, oneLine } from './rev-checks.js';
import { resolveCommit } from './reads.js';

/** Point a full ref name (e.g. `refs/baselines/sw1`) at a commit. */
export async function setRef(dir: string, name: string, commit: string, reason = 'driftwatch'): Promise<void> {
  await checkRefName(dir, name);
  const id = await resolveCommit(dir, commit);
  await gitOk(dir, ['update-ref', '-m', oneLine(reason), name, id]);
}

/** Many refs with one `git update-ref --stdin` (a cycle's new baselines); ids must be full commit ids. */
export async function setRefs(dir: string, entries: ReadonlyArray<{ name: string; commit: string }>, reason = 'driftwatch'): Promise<void> {
  if (!entries.length) return;
  for (const e of entries) {
    checkRefNameFast(e.name);
    checkFullId(e.commit);
  }
  await gitOk(dir, ['update-ref', '-m', oneLine(reason), '--stdin'], entries.map((e) => `update ${e.name} ${e.commit}\n`).join(''));
}

/** What a full ref name points at, or null. */
export async function getRef(dir: string, name: string): Promise<string | null> {
  await checkRefName(dir, name);
  const r = await runGit(dir, ['rev-parse', '--verify', '--quiet', name]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

export async function deleteRef(dir: string, name: string): Promise<void> {
  await checkRefName(dir, name);
  await gitOk(dir, ['update-ref', '-d', name]);
}

/** Every ref under `prefix` (e.g. `refs/baselines/`), name -> commit, one process. */
export async function listRefs(dir: string, prefix: string): Promise<Map<string, string>> {
  checkRefNameFast(prefix.replace(/\/$/, ''));
  const out = (await gitOk(dir, ['for-each-ref', '--format=%(objectname) %(refname)', prefix])).toString('utf8');
  const refs = new Map<string, string>();
  for (const line of out.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) refs.set(line.slice(sp + 1), line.slice(0, sp));
  }
  return refs;
}

/** Annotated tag `refs/tags/<name>` on a commit (approvals). Fails when the tag exists. */
export async function tag(dir: string, name: string, commit: string, message: string): Promise<void> {
  if (typeof name !== 'string' || name.startsWith('refs/') || name.startsWith('-')) throw new Error(`invalid tag name ${JSON.stringify(name)}`);
  await checkRefName(dir, `refs/tags/${name}`);
  const id = await resolveCommit(dir, commit);
  // Message through stdin (-F -): never on the command line, never an option.
  await gitOk(dir, ['tag', '--annotate', '--cleanup=verbatim', '--file=-', name, id], cleanMessage(message) || 'approved\n');
}
