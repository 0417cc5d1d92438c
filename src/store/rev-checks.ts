/** Checks and cleaning for what reaches git's command line or its messages. */
import { runGit } from './git-exec.js';

/** A revision string that cannot be read as an option or break the cat-file line protocol. */
export function checkRev(rev: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof rev !== 'string' || !rev || rev.startsWith('-') || /[\u0000-\u001f\u007f]/.test(rev) || rev.length > 256) {
    throw new Error(`invalid revision ${JSON.stringify(rev)}`);
  }
}

export async function checkRefName(dir: string, name: string): Promise<void> {
  if (typeof name !== 'string' || !name.startsWith('refs/') || name.length > 256) throw new Error(`invalid ref name ${JSON.stringify(name)}`);
  const r = await runGit(dir, ['check-ref-format', name]);
  if (r.code !== 0) throw new Error(`invalid ref name ${JSON.stringify(name)}`);
}

/** Ref names checked without a process (batches of refs). */
export function checkRefNameFast(name: string): void {
  if (!/^refs\/[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name) || /\.\.|\/\.|\.lock(\/|$)|\/$/.test(name) || name.length > 256) {
    throw new Error(`unsafe ref name ${JSON.stringify(name)}`);
  }
}

export function checkFullId(commit: string): void {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(commit)) throw new Error(`not a full commit id: ${JSON.stringify(commit)}`);
}

export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200) || 'driftwatch';
}

/** Tag messages may span lines (operator text); other control characters are dropped. */
export function cleanMessage(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  return t ? t + '\n' : '';
}
