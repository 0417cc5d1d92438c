/**
 * The one place that maps what ssh2 and the socket say to an ErrorKind. Only what is really
 * recognised gets a device-side kind; anything else is a bug in driftwatch (`internal`, stack
 * kept) rather than a `protocol` failure blamed on the device. Messages name the host, never
 * credentials.
 */
import { PullError, asPullError, type ErrorKind } from '../core/errors.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);
/** The peer or the network dropped the connection. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/** ssh2's own `level` for errors that come from the SSH protocol itself (bad packets, failed handshakes). */
const SSH_LEVELS = new Set(['handshake', 'protocol', 'client-socket']);
/** ssh2's packet parser throws these plain Errors (no level) on bytes from the device it cannot use. */
const PARSER_ERRORS = /^(Bad packet length|Invalid MAC|Invalid padding|Max greeting lines exceeded|Invalid prime value|Error while converting handshake signature)/;

function kindOf(code: string | undefined, level: string | undefined, message: string): ErrorKind | undefined {
  if (code && UNREACHABLE.has(code)) return 'unreachable';
  if (code === 'ETIMEDOUT' || level === 'client-timeout') return 'timeout';
  if (level === 'client-authentication') return 'auth';
  if (code && DROPPED.has(code)) return 'protocol';
  if (level && SSH_LEVELS.has(level)) return 'protocol';
  if (!code && !level && PARSER_ERRORS.test(message)) return 'protocol';
  return undefined;
}

export function classifySshError(err: unknown, where: string): PullError {
  if (err instanceof PullError) return err;
  const e = err as { code?: unknown; level?: unknown; message?: unknown } | null | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const level = typeof e?.level === 'string' ? e.level : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const kind = kindOf(code, level, message);
  if (!kind) return asPullError(err);
  const text = kind === 'auth' ? 'authentication failed' : DROPPED.has(code ?? '') ? `connection dropped by the device (${code})` : message;
  return new PullError(kind, `${where}: ${text}`, { cause: err });
}
