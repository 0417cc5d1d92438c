/**
 * Spawning `git` directly, for what simple-git cannot do (stdin streams: fast-import,
 * cat-file --batch). Every git process of the store gets the same isolated environment:
 * no ambient GIT_* variables (GIT_DIR from a hook would redirect us), no system or global
 * config (hooks, templates, signing, autocrlf of the operator must not change the store),
 * an explicit identity, and no prompts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export const IDENTITY = { name: 'driftwatch', email: 'driftwatch@localhost' } as const;

/** Variables we set; simple-git needs them listed in `allowEnvironment`. */
export const GIT_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: IDENTITY.name,
  GIT_AUTHOR_EMAIL: IDENTITY.email,
  GIT_COMMITTER_NAME: IDENTITY.name,
  GIT_COMMITTER_EMAIL: IDENTITY.email,
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
};

/** The only ambient variables git gets: enough to find programs and temp space, nothing that runs one (EDITOR, PAGER, SSH_ASKPASS...). */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT'];

/** A minimal environment: PATH, HOME, temp dirs, plus GIT_ENV (and `extra`). No GIT_* of the caller. */
export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of PASSED_THROUGH) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return { ...env, ...GIT_ENV, ...extra };
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    this.name = 'GitError';
  }
}

export function spawnGit(cwd: string, args: readonly string[], extraEnv?: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd, env: gitEnv(extraEnv), stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface GitRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Run git to completion; `input` is written to stdin. Never throws on exit code (see `gitOk`). */
export function runGit(cwd: string, args: readonly string[], input?: Buffer | string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // EPIPE when git exits early: the exit code tells the story
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input ?? '');
  });
}

/** Run git and return stdout; throws GitError on a non-zero exit. */
export async function gitOk(cwd: string, args: readonly string[], input?: Buffer | string): Promise<Buffer> {
  const r = await runGit(cwd, args, input);
  if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
  return r.stdout;
}
