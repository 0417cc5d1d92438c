/**
 * Every way a pull can fail, classified once so the CLI, state and alerts speak the same words.
 * Messages must never contain credentials: build them from device names, hosts and kinds only.
 */
export const ERROR_KINDS = [
  'unreachable', // TCP connect refused, no route, DNS failure
  'timeout', // connect, auth, idle command or whole-pull deadline passed
  'auth', // credentials refused (or no usable method)
  'host-key-mismatch', // the device presented a different key than the pinned one
  'incomplete-output', // output truncated, closing marker missing, connection lost mid-output
  'protocol', // anything else the SSH layer or the device said that we cannot use
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export class PullError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PullError';
  }
}

/** Any thrown value as a PullError; unknown errors count as `protocol`. */
export function asPullError(err: unknown): PullError {
  if (err instanceof PullError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PullError('protocol', message);
}
