/**
 * The outbox dispatcher of the old in-cycle delivery (one pass over due items). The daemon's
 * delivery runs apart from pulls in delivery-loop.ts; this stays until the cycle stops calling it.
 *
 * - Backoff: after a failure with `attempts` earlier failures, retry in
 *   min(baseDelay * 2^attempts, maxDelay): 30 s, 1 min, 2 min, ... capped at 1 h. No jitter, so
 *   schedules are deterministic (one daemon, a handful of channels: no thundering herd).
 * - Isolation: channels are worked in parallel, items of one channel in order. The first failure
 *   of a channel ends that channel's turn for this run (its other items stay due, untouched),
 *   so a dead SMTP host costs one timeout per run instead of one per queued alert, and never
 *   delays another channel.
 * - A channel that is no longer configured (or whose type has no sender) is not dropped: its
 *   items are marked failed with a clear error and stay pending with the same backoff, in case
 *   the channel comes back on reload. Purging them is the repo's/operator's call.
 */
import type { RoutableChannel as ChannelConfig } from './channel-schemas.js';
import { errorText, oneLine, truncate } from './escape.js';
import type { Alert, SendFn, Senders } from './types.js';

export interface OutboxItem {
  id: number;
  channel: string;
  alert: Alert;
  attempts: number;
}

export interface OutboxRepo {
  /** Undelivered items with next_attempt_at <= now, oldest first. */
  due(now: Date, limit: number): OutboxItem[];
  markDelivered(id: number, now: Date): void;
  /** Records the error, increments attempts, schedules the next attempt. */
  markFailed(id: number, now: Date, error: string, nextAttemptAt: Date): void;
}

export interface DispatchOptions {
  /** Most items taken per run (default 100). */
  limit?: number;
  /** First retry delay (default 30 s). */
  baseDelayMs?: number;
  /** Longest retry delay (default 1 h). */
  maxDelayMs?: number;
  /** Guard around a single send in case a sender ignores its own timeout (default 60 s). */
  sendTimeoutMs?: number;
  /** Called once per failure (for logging); the message is secret-free. */
  onError?: (item: OutboxItem, error: string) => void;
}

export interface DispatchResult {
  delivered: number;
  failed: number;
}

export { backoffMs, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS } from './backoff.js';
import { backoffMs, DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS } from './backoff.js';

/** The sender for a channel's type, or undefined. (One cast, because TS cannot correlate the union.) */
export function senderFor(senders: Senders, channel: ChannelConfig): SendFn | undefined {
  return senders[channel.type] as SendFn | undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`send did not finish within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

export async function dispatchDue(
  repo: OutboxRepo,
  channels: Map<string, ChannelConfig>,
  senders: Senders,
  now: () => Date,
  opts: DispatchOptions = {},
): Promise<DispatchResult> {
  const limit = opts.limit ?? 100;
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const sendTimeout = opts.sendTimeoutMs ?? 60_000;
  const result: DispatchResult = { delivered: 0, failed: 0 };

  const byChannel = new Map<string, OutboxItem[]>();
  for (const item of repo.due(now(), limit)) {
    const list = byChannel.get(item.channel) ?? [];
    list.push(item);
    byChannel.set(item.channel, list);
  }

  const fail = (item: OutboxItem, error: string) => {
    const msg = truncate(oneLine(error), 1000);
    const at = now();
    repo.markFailed(item.id, at, msg, new Date(at.getTime() + backoffMs(item.attempts, base, max)));
    result.failed++;
    opts.onError?.(item, msg);
  };

  const runChannel = async (name: string, items: OutboxItem[]) => {
    const channel = channels.get(name);
    const send = channel ? senderFor(senders, channel) : undefined;
    if (!channel || !send) {
      const why = !channel
        ? `channel ${JSON.stringify(name)} is not in the alerts config (removed or renamed); kept pending`
        : `no sender for channel type ${channel.type}; kept pending`;
      for (const item of items) fail(item, why);
      return;
    }
    for (const item of items) {
      try {
        await withTimeout(send(channel, item.alert), sendTimeout);
      } catch (err) {
        fail(item, errorText(err));
        return; // the channel is likely down: leave its other items for the next run
      }
      repo.markDelivered(item.id, now());
      result.delivered++;
    }
  };

  const settled = await Promise.allSettled([...byChannel].map(([name, items]) => runChannel(name, items)));
  const broken = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (broken) throw broken.reason; // only the repo can throw here (sender errors are caught)
  return result;
}
