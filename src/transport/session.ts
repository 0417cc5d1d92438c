/**
 * The transport's one entry point: connect, run a driver's session, return raw outputs and the
 * handshake. Every failure leaves as a classified PullError (`internal` for our own bugs).
 */
import { asPullError, PullError } from '../core/errors.js';
import type { SessionSpec } from '../drivers/types.js';
import { classifySshError } from './classify.js';
import { connect } from './connect.js';
import { runExec } from './exec.js';
import { DEFAULT_LIMITS, OutputBudget } from './output-cap.js';
import { runShell, TypeAheadRefused } from './shell.js';
import type { FollowUp, SessionOptions, SessionResult } from './types.js';

/** `followUp`: more commands for the same session, chosen from the main outputs (see FollowUp). */
export async function collectSession(opts: SessionOptions, spec: SessionSpec, commands: readonly string[], followUp?: FollowUp): Promise<SessionResult> {
  try {
    return await session(opts, spec, commands, followUp);
  } catch (err) {
    // A device that pages despite `terminal length 0` cannot take typed-ahead commands: once more, one by one.
    if (err instanceof TypeAheadRefused) return session(opts, { ...spec, typeAhead: false }, commands, followUp);
    throw err;
  }
}

/** Outputs only (callers that do not need the handshake). */
export async function collectOutputs(opts: SessionOptions, spec: SessionSpec, commands: readonly string[]): Promise<Record<string, string>> {
  return (await collectSession(opts, spec, commands)).outputs;
}

async function session(opts: SessionOptions, spec: SessionSpec, commands: readonly string[], followUp?: FollowUp): Promise<SessionResult> {
  const { client, handshake } = await connect(opts);
  const where = `${opts.target.host}:${opts.target.port}`;
  const budget = new OutputBudget(opts.limits ?? DEFAULT_LIMITS, where);
  // Errors after login (socket reset mid-output) surface here too.
  let connectionError: unknown;
  client.on('error', (err) => {
    connectionError = err;
  });
  try {
    const outputs = spec.mode === 'exec' ? await runExec(client, commands, opts, budget, followUp) : await runShell(client, spec, commands, opts, budget, followUp);
    return { outputs, handshake };
  } catch (err) {
    if (connectionError && !(err instanceof PullError)) throw classifySshError(connectionError, where);
    throw asPullError(err);
  } finally {
    client.end();
    // Do not wait for a polite close from a hung device.
    setTimeout(() => client.destroy(), 1000).unref();
  }
}
