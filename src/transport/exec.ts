/** Run each command on its own exec channel (Junos, Linux): no prompt, no pager, clean output. */
import type { Client } from 'ssh2';
import { PullError } from '../core/errors.js';
import type { OutputBudget } from './output-cap.js';
import type { FollowUp, SessionOptions } from './types.js';

function execOne(client: Client, command: string, opts: SessionOptions, budget: OutputBudget, where: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(new PullError('protocol', `${where}: exec refused: ${err.message}`));
      const chunks: Buffer[] = [];
      const stdout = budget.meter();
      const stderr = budget.meter();
      let idle: NodeJS.Timeout | undefined;
      let exitCode: number | null = null;
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(idle);
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const stop = (e: PullError) => {
        // Drop what was buffered at once: the cap is about memory.
        chunks.length = 0;
        channel.close();
        finish(() => reject(e));
      };
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => stop(new PullError('timeout', `${where}: no output from "${command}" for ${opts.timeouts.idleMs / 1000}s`)), opts.timeouts.idleMs);
      };
      const onAbort = () => stop(new PullError('timeout', `${where}: aborted (${String(opts.signal?.reason ?? 'deadline')})`));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      channel.on('data', (d: Buffer) => {
        if (done) return;
        const over = stdout(d);
        if (over) return stop(over);
        chunks.push(d);
        arm();
      });
      channel.stderr.on('data', (d: Buffer) => {
        if (done) return;
        const over = stderr(d);
        if (over) return stop(over);
        arm();
      });
      channel.on('exit', (code: number | null) => {
        exitCode = code;
      });
      channel.on('close', () => {
        // No exit status means the channel died mid-output (connection lost), not a finished command.
        if (exitCode === null) {
          finish(() => reject(new PullError('incomplete-output', `${where}: "${command}" ended without an exit status (connection lost?)`)));
        } else finish(() => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
  });
}

export async function runExec(client: Client, commands: readonly string[], opts: SessionOptions, budget: OutputBudget, followUp?: FollowUp): Promise<Record<string, string>> {
  const where = `${opts.target.host}:${opts.target.port}`;
  const outputs: Record<string, string> = {};
  for (const command of commands) outputs[command] = await execOne(client, command, opts, budget, where);
  for (const command of followUp?.(outputs).filter((c) => !(c in outputs)) ?? []) {
    try {
      outputs[command] = await execOne(client, command, opts, budget, where);
    } catch (err) {
      // A device may refuse an exec channel for a command it lacks: no attribution, same pull.
      // Lost connections, timeouts and output caps fail the pull as for any command.
      if (!(err instanceof PullError && err.kind === 'protocol' && /exec refused/.test(err.message))) throw err;
      outputs[command] = '';
    }
  }
  return outputs;
}
