/**
 * Retry delays: after a failure with `attempts` earlier failures, wait min(base * 2^attempts,
 * max): 30 s, 1 min, 2 min, ... capped at 1 h. No jitter, so schedules are deterministic (one
 * daemon, a handful of channels: no thundering herd).
 */
export const DEFAULT_BASE_DELAY_MS = 30_000;
export const DEFAULT_MAX_DELAY_MS = 60 * 60_000;

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS };

/** Delay before the next attempt, given how many attempts had already failed before this one. */
export function backoffMs(previousAttempts: number, baseMs = DEFAULT_BASE_DELAY_MS, maxMs = DEFAULT_MAX_DELAY_MS): number {
  const exp = Math.min(Math.max(previousAttempts, 0), 30);
  return Math.min(baseMs * 2 ** exp, maxMs);
}

/**
 * Whether an item is due at `nowMs`, robust to clock steps: it is due when its time has come, or
 * when it waits longer than its backoff allows (the clock stepped backwards since it was
 * scheduled), so a step back never delays a retry by more than its backoff. Pure.
 */
export function isDue(nextAttemptMs: number, attempts: number, nowMs: number, policy: BackoffPolicy = DEFAULT_BACKOFF): boolean {
  if (nextAttemptMs <= nowMs) return true;
  const allowed = attempts > 0 ? backoffMs(attempts - 1, policy.baseDelayMs, policy.maxDelayMs) : 0;
  return nextAttemptMs - nowMs > allowed;
}
