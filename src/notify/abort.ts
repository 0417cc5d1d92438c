/** One time limit for a whole send, and cancellation from outside (shutdown), as one signal. */

export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/** A signal that aborts on `outer` or after `timeoutMs`, whichever comes first. */
export function sendSignal(outer: AbortSignal | undefined, timeoutMs = DEFAULT_SEND_TIMEOUT_MS): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return outer ? AbortSignal.any([outer, timeout]) : timeout;
}

/** `work`, or a rejection as soon as `signal` aborts (for clients without AbortSignal support). */
export function abortable<T>(work: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError(signal: AbortSignal, what: string): Error {
  const reason = signal.reason as { name?: string } | undefined;
  const timedOut = reason?.name === 'TimeoutError';
  const err = new Error(timedOut ? `${what} timed out` : `${what} aborted (shutting down)`);
  err.name = timedOut ? 'TimeoutError' : 'AbortError';
  return err;
}
