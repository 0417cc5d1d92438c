/** Run each command on its own exec channel (Junos, Linux): no prompt, no pager, clean output. */
import type { Client } from 'ssh2';
import { PullError } from '../core/errors.js';
import type { SessionOptions } from './types.js';

function execOne(client: Client, command: string, opts: SessionOptions, where: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(new PullError('protocol', `${where}: exec refused: ${err.message}`));
      const chunks: Buffer[] = [];
      let idle: NodeJS.Timeout | undefined;
      let exitCode: number | null = null;
      const finish = (fn: () => void) => {
        clearTimeout(idle);
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          channel.close();
          finish(() => reject(new PullError('timeout', `${where}: no output from "${command}" for ${opts.timeouts.idleMs / 1000}s`)));
        }, opts.timeouts.idleMs);
      };
      const onAbort = () => {
        channel.close();
        finish(() => reject(new PullError('timeout', `${where}: aborted (${String(opts.signal?.reason ?? 'deadline')})`)));
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      channel.on('data', (d: Buffer) => {
        chunks.push(d);
        arm();
      });
      channel.stderr.on('data', () => arm());
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

export async function runExec(client: Client, commands: readonly string[], opts: SessionOptions): Promise<Record<string, string>> {
  const where = `${opts.target.host}:${opts.target.port}`;
  const outputs: Record<string, string> = {};
  for (const command of commands) outputs[command] = await execOne(client, command, opts, where);
  return outputs;
}
