/**
 * The delivery loop: outbox -> channels, apart from pulls. The cycle only enqueues and calls
 * `kick()` (which returns at once); this loop sends.
 *
 * - Isolation: each channel has its own lanes (`perChannelConcurrency` sends at once); a slow or
 *   hanging channel fills only its own lanes, never another channel's, never the caller.
 * - Every send has a time limit (`timeoutMs`, passed to the sender, and enforced here too in case
 *   a sender ignores it) and an AbortSignal that `stop` fires.
 * - A failure backs the item off (notify/backoff.ts) and rests its channel until that retry or
 *   the next interval tick (a dead SMTP host costs one timeout per tick, not one per queued alert).
 * - `stop(drainMs)` waits at most drainMs for in-flight sends, then aborts them and returns; what
 *   was not delivered stays in the outbox, untouched, for the next start.
 * - A channel no longer configured (or without a sender) keeps its items pending with a clear
 *   error and the usual backoff, in case it comes back on reload.
 */
import { abortable } from './abort.js';
import { backoffMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { RoutableChannel } from './channel-schemas.js';
import { errorText, oneLine, truncate } from './escape.js';
import type { Alert, SendFn, Senders } from './types.js';

export interface DeliveryOutbox {
  due(now: Date, limit: number, exclude: ReadonlySet<number>, skipChannels: ReadonlySet<string>): Array<{ id: number; channel: string; alert: Alert; attempts: number }>;
  markDelivered(id: number, now: Date): void;
  markFailed(id: number, now: Date, error: string, nextAttemptAt: Date | null): void;
}

export interface DeliveryLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DeliveryOptions {
  outbox: DeliveryOutbox;
  /** Channels by outbox id (route.ts channelMap); a function so a config reload is seen at once. */
  channels: ReadonlyMap<string, RoutableChannel> | (() => ReadonlyMap<string, RoutableChannel>);
  senders: Senders;
  clock: () => Date;
  log: DeliveryLog;
  /** Retry tick (default 15 s). */
  intervalMs?: number;
  /** Sends at once per channel (default 2). */
  perChannelConcurrency?: number;
  /** Time limit of one send (default 30 s). */
  timeoutMs?: number;
  /** Due items looked at per tick (default 500). */
  batch?: number;
  backoff?: BackoffPolicy;
  /** After each send settles (tests, metrics). */
  onSettled?: (event: { id: number; channel: string; alertId: string; outcome: 'delivered' | 'failed'; error?: string }) => void;
}

export interface Delivery {
  /** Look for due items now (returns at once; the work happens on a later turn of the event loop). */
  kick(): void;
  /** Stop within `drainMs`: wait for in-flight sends up to then, abort the rest, leave them queued. */
  stop(drainMs: number): Promise<void>;
}

function senderFor(senders: Senders, channel: RoutableChannel): SendFn | undefined {
  return senders[channel.type] as SendFn | undefined; // one cast: TS cannot correlate the union
}

export function startDelivery(opts: DeliveryOptions): Delivery {
  const interval = opts.intervalMs ?? 15_000;
  const lanes = Math.max(1, opts.perChannelConcurrency ?? 2);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const policy = opts.backoff ?? DEFAULT_BACKOFF;
  const channels = typeof opts.channels === 'function' ? opts.channels : () => opts.channels as ReadonlyMap<string, RoutableChannel>;
  const inflight = new Map<number, { channel: string; abort: AbortController; done: Promise<void> }>();
  const busy = new Map<string, number>();
  const resting = new Map<string, number>(); // channel -> clock ms until which it rests after a failure
  let stopping = false;
  let closed = false; // after stop returned: late completions must not touch the outbox
  let queued = false;

  const isResting = (channel: string, nowMs: number) => {
    const until = resting.get(channel);
    // A rest longer than one interval means the clock stepped back: it is over.
    return until !== undefined && until > nowMs && until - nowMs <= interval;
  };

  const fail = (item: { id: number; channel: string; alert: Alert; attempts: number }, error: string) => {
    const now = opts.clock();
    const msg = truncate(oneLine(error), 1000);
    const next = now.getTime() + backoffMs(item.attempts, policy.baseDelayMs, policy.maxDelayMs);
    opts.outbox.markFailed(item.id, now, msg, new Date(next));
    // The channel rests until this item's retry or the next tick, whichever is first.
    resting.set(item.channel, Math.min(now.getTime() + interval, next));
    opts.log.warn({ channel: item.channel, device: item.alert.device.name, alert: item.alert.id, error: msg }, 'alert delivery failed; will retry');
    opts.onSettled?.({ id: item.id, channel: item.channel, alertId: item.alert.id, outcome: 'failed', error: msg });
  };

  const start = (item: { id: number; channel: string; alert: Alert; attempts: number }) => {
    const channel = channels().get(item.channel);
    const send = channel ? senderFor(opts.senders, channel) : undefined;
    if (!channel || !send) {
      fail(item, !channel
        ? `channel ${JSON.stringify(item.channel)} is not in the alerts config (removed or renamed); kept pending`
        : `no sender for channel type ${channel.type}; kept pending`);
      return;
    }
    const abort = new AbortController();
    // Our own guard a little after the sender's limit, for senders that ignore theirs.
    const guard = AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs + 1000)]);
    busy.set(item.channel, (busy.get(item.channel) ?? 0) + 1);
    const done = abortable(Promise.resolve().then(() => send(channel, item.alert, { signal: abort.signal, timeoutMs, now: opts.clock })), guard, 'send')
      .then(
        () => {
          if (closed) return;
          opts.outbox.markDelivered(item.id, opts.clock());
          opts.onSettled?.({ id: item.id, channel: item.channel, alertId: item.alert.id, outcome: 'delivered' });
        },
        (err: unknown) => {
          if (closed || (stopping && abort.signal.aborted)) return; // shutdown is not the channel's fault
          fail(item, errorText(err));
        },
      )
      .catch((err: unknown) => opts.log.error({ err: errorText(err) }, 'outbox update failed'))
      .finally(() => {
        inflight.delete(item.id);
        busy.set(item.channel, (busy.get(item.channel) ?? 1) - 1);
        kick(); // the channel has a free lane: its next item may be due
      });
    inflight.set(item.id, { channel: item.channel, abort, done });
  };

  const tick = () => {
    queued = false;
    if (stopping) return;
    try {
      const now = opts.clock();
      const nowMs = now.getTime();
      const skip = new Set([...busy].filter(([, n]) => n >= lanes).map(([c]) => c));
      for (const c of resting.keys()) if (isResting(c, nowMs)) skip.add(c);
      for (const item of opts.outbox.due(now, opts.batch ?? 500, new Set(inflight.keys()), skip)) {
        if (stopping) return;
        if (isResting(item.channel, nowMs) || (busy.get(item.channel) ?? 0) >= lanes) continue;
        start(item);
      }
    } catch (err) {
      opts.log.error({ err: errorText(err) }, 'alert delivery: reading the outbox failed; will retry');
    }
  };

  function kick(): void {
    if (stopping || queued) return;
    queued = true;
    setImmediate(tick);
  }

  const timer = setInterval(() => {
    resting.clear(); // a new tick: rested channels get another try
    kick();
  }, interval);
  timer.unref();
  kick();

  return {
    kick,
    async stop(drainMs: number) {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      if (inflight.size) {
        let timeout: NodeJS.Timeout | undefined;
        const drained = Promise.allSettled([...inflight.values()].map((f) => f.done));
        await Promise.race([drained, new Promise<void>((r) => (timeout = setTimeout(r, Math.max(0, drainMs))))]);
        clearTimeout(timeout);
      }
      closed = true;
      for (const f of inflight.values()) f.abort.abort();
    },
  };
}
