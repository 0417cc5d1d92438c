/**
 * The one place that maps what ssh2 and the socket say to an ErrorKind. Messages name the host,
 * never credentials.
 */
import { PullError, type ErrorKind } from '../core/errors.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

export function classifySshError(err: unknown, where: string): PullError {
  if (err instanceof PullError) return err;
  const e = err as { code?: string; level?: string; message?: string };
  const message = e?.message ?? String(err);
  let kind: ErrorKind = 'protocol';
  if (e?.code && UNREACHABLE.has(e.code)) kind = 'unreachable';
  else if (e?.code === 'ETIMEDOUT' || /timed out/i.test(message)) kind = 'timeout';
  else if (e?.level === 'client-authentication') kind = 'auth';
  else if (e?.code === 'ECONNRESET' || e?.code === 'EPIPE') kind = 'protocol';
  return new PullError(kind, `${where}: ${kind === 'auth' ? 'authentication failed' : message}`);
}
