/**
 * The transport's one entry point: connect, run a driver's session, return raw outputs.
 * Every failure leaves as a classified PullError.
 */
import { asPullError } from '../core/errors.js';
import type { SessionSpec } from '../drivers/types.js';
import { classifySshError } from './classify.js';
import { connect } from './connect.js';
import { runExec } from './exec.js';
import { runShell, TypeAheadRefused } from './shell.js';
import type { SessionOptions } from './types.js';

export async function collectOutputs(
  opts: SessionOptions,
  spec: SessionSpec,
  commands: readonly string[],
): Promise<Record<string, string>> {
  try {
    return await session(opts, spec, commands);
  } catch (err) {
    // A device that pages despite `terminal length 0` cannot take typed-ahead commands: once more, one by one.
    if (err instanceof TypeAheadRefused) return session(opts, { ...spec, typeAhead: false }, commands);
    throw err;
  }
}

async function session(opts: SessionOptions, spec: SessionSpec, commands: readonly string[]): Promise<Record<string, string>> {
  const client = await connect(opts);
  const where = `${opts.target.host}:${opts.target.port}`;
  // Errors after login (socket reset mid-output) surface here too.
  let connectionError: unknown;
  client.on('error', (err) => {
    connectionError = err;
  });
  try {
    return spec.mode === 'exec' ? await runExec(client, commands, opts) : await runShell(client, spec, commands, opts);
  } catch (err) {
    if (connectionError && !(err instanceof Error && err.name === 'PullError')) throw classifySshError(connectionError, where);
    throw asPullError(err);
  } finally {
    client.end();
    // Do not wait for a polite close from a hung device.
    setTimeout(() => client.destroy(), 1000).unref();
  }
}
