/**
 * Store tests: temp dirs, and the `git` CLI run the way a person would run it, with an empty HOME
 * and no system config (so nothing on the test box leaks in, and no identity is configured).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots: string[] = [];

export function tempDir(prefix = 'dw-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const d of roots.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Point this test process (and the git processes it spawns) at an empty HOME, no system config. */
export function isolateHome(): string {
  const home = tempDir('dw-home-');
  mkdirSync(home, { recursive: true });
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  return home;
}

function personEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  env.GIT_CONFIG_NOSYSTEM = '1';
  return env;
}

/** `git -C dir ...args` as a person would type it; returns stdout as text. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: personEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Same, raw bytes. */
export function gitBytes(dir: string, ...args: string[]): Buffer {
  return execFileSync('git', ['-C', dir, ...args], { env: personEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function gitFails(dir: string, ...args: string[]): boolean {
  try {
    git(dir, ...args);
    return false;
  } catch {
    return true;
  }
}
