/**
 * The store's only way to run git. Every git process gets the same isolated environment: no
 * ambient GIT_* variables (GIT_DIR from a hook would redirect us), no system or global config
 * (hooks, templates, signing, autocrlf of the operator must not change the store), an explicit
 * identity, no prompts. And the store is data, never code: whatever the repository's own
 * .git/config says, the settings that can run a program (hooks, fsmonitor, ssh command, pager,
 * editor, filters, textconv, external diff) are overridden on the command line, which git reads
 * last (see repo-config-guard.ts for the per-repository part).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An empty directory for core.hooksPath: no hook can exist there. */
const NO_HOOKS = join(tmpdir(), 'driftwatch-no-hooks');
mkdirSync(NO_HOOKS, { recursive: true, mode: 0o700 });

/** `-c` pairs given to every git invocation, before the subcommand. */
export const SAFE_CONFIG: readonly string[] = [
  `core.hooksPath=${NO_HOOKS}`,
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.sshCommand=false',
  'core.pager=cat',
  'core.editor=false',
  'core.askPass=',
  'core.attributesFile=/dev/null',
  'core.autocrlf=false',
  'core.safecrlf=false',
  'diff.external=',
  'credential.helper=',
  'protocol.allow=never',
  'protocol.file.allow=never',
  'gpg.program=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'uploadpack.packObjectsHook=',
];

/** Extra `-c` pairs per repository (filter drivers its config declares), set by the store on open. */
const repoOverrides = new Map<string, readonly string[]>();
export function setRepoOverrides(cwd: string, pairs: readonly string[]): void {
  repoOverrides.set(cwd, pairs);
}

function safeArgs(cwd: string, args: readonly string[]): string[] {
  return [...[...SAFE_CONFIG, ...(repoOverrides.get(cwd) ?? [])].flatMap((pair) => ['-c', pair]), ...args];
}

export const IDENTITY = { name: 'driftwatch', email: 'driftwatch@localhost' } as const;

/** Variables we set for every git process. */
export const GIT_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: IDENTITY.name,
  GIT_AUTHOR_EMAIL: IDENTITY.email,
  GIT_COMMITTER_NAME: IDENTITY.name,
  GIT_COMMITTER_EMAIL: IDENTITY.email,
  GIT_OPTIONAL_LOCKS: '0',
  GIT_ATTR_NOSYSTEM: '1',
  GIT_NO_REPLACE_OBJECTS: '1',
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
  return spawn('git', safeArgs(cwd, args), { cwd, env: gitEnv(extraEnv), stdio: ['pipe', 'pipe', 'pipe'] });
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
