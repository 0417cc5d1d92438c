/**
 * Every way a pull can fail, classified once so the CLI, state and alerts speak the same words.
 * Messages must never contain credentials: build them from device names, hosts and kinds only.
 */
export const ERROR_KINDS = [
  'unreachable', // TCP connect refused, no route, DNS failure
  'timeout', // connect, auth, idle command or whole-pull deadline passed
  'auth', // credentials refused (or no usable method)
  'host-key-mismatch', // the presented key is not the pinned/configured one, or unknown under strict policy
  'algorithm-mismatch', // no SSH algorithm both sides accept (e.g. a device offering only legacy SHA-1/CBC ones)
  'incomplete-output', // output truncated, closing marker missing, connection lost mid-output
  'too-large', // the device printed more than limits.max_config_bytes / max_line_bytes
  'protocol', // the SSH layer or the device said something recognised but unusable
  'internal', // a bug in driftwatch (unexpected exception): logged with its stack
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export class PullError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PullError';
  }
}

/**
 * Any thrown value as a PullError. What is not already classified is a bug, not the device's
 * doing: kind `internal`, with the original stack kept (as `stack` and `cause`) for the log.
 */
export function asPullError(err: unknown): PullError {
  if (err instanceof PullError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const wrapped = new PullError('internal', `internal error: ${message}`, { cause: err });
  if (err instanceof Error && err.stack) wrapped.stack = err.stack;
  return wrapped;
}
