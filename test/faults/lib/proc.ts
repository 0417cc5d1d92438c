/** bin/driftwatch.js as a child process a test can wait for or kill at any moment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from '../../helpers/cli.js';

export interface Run {
  child: ChildProcess;
  /** Resolves when the process exited (code, or -signal number as negative when killed). */
  done: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, DRIFTWATCH_LOG_LEVEL: 'info', DW_TEST_PASSWORD: 'admin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err })));
  return { child, done, stdout: () => out, stderr: () => err };
}

/** Run to the end; a safety kill after `limitMs` so a hang shows up as a violation, not a stuck suite. */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, limitMs = 120_000): Promise<Exit> {
  const run = startCli(args, cwd, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), limitMs);
  try {
    return await run.done;
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Wait until `fn` is true, polling; false after `limitMs` (a bound against a stuck suite, not an assertion). */
export async function until(fn: () => boolean, limitMs: number, everyMs = 5): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (fn()) return true;
    await sleep(everyMs);
  }
  return fn();
}
