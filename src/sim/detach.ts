/**
 * `driftwatch sim --detach`: start the same command as a background process and return once it is
 * ready (devices listening, devices file written), so `sim ... --detach && driftwatch pull` cannot
 * race. Readiness is the child's ready file; a child that exits first is an error with its log.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DetachOptions {
  /** The child's arguments after the node options (script path first), without --detach. */
  args: string[];
  readyFile: string;
  logFile: string;
  /** Give up (and stop the child) after this long; generous: 10,000 devices take a while. */
  timeoutMs?: number;
}

export interface ReadyInfo {
  pid: number;
  devices: number;
  devicesFile?: string;
}

export async function detach(opts: DetachOptions): Promise<ReadyInfo> {
  rmSync(opts.readyFile, { force: true }); // a stale file from an earlier run must not count
  const log = openSync(opts.logFile, 'a', 0o600);
  const child = spawn(process.execPath, [...process.execArgv, ...opts.args], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code, signal) => (exited = code ?? (signal ? 128 : 1)));
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  try {
    while (!existsSync(opts.readyFile)) {
      if (exited !== undefined) throw new Error(`the simulator exited (code ${exited}) before it was ready:\n${tail(opts.logFile)}`);
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`the simulator was not ready in time; see ${opts.logFile}`);
      }
      await sleep(50);
    }
    return JSON.parse(readFileSync(opts.readyFile, 'utf8')) as ReadyInfo;
  } finally {
    child.unref();
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-10).join('\n');
  } catch {
    return '(no log)';
  }
}
