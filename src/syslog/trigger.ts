/**
 * From frames to pulls: per-sender rate limit, parse, match the sender to a device, recognise a
 * config change, record it, debounce per device, then `onPull(device, claim)`. Every step is
 * bounded and `handle` never throws: a bad frame costs a counter, not the daemon.
 */
import { claimOf, type ReceivedChange, type SyslogClaim } from './claim.js';
import { Debouncer } from './debounce.js';
import { decodeFrame, MAX_MESSAGE_BYTES } from './message.js';
import { parseSyslog } from './parse.js';
import { TokenBuckets } from './rate-limit.js';
import { recogniseChange } from './recognise.js';
import { cleanRawLine } from './sanitise.js';
import { normaliseAddress, type SenderDevice, type SenderMatcher } from './sender-match.js';
import { realTimers, type Timers } from './timers.js';

export interface SyslogStats {
  received: number;
  /** Datagrams longer than the limit (cut to it and still parsed). */
  oversize: number;
  rateLimited: number;
  malformed: number;
  unknownSender: number;
  /** Parsed, from a device, but not a config change. */
  other: number;
  changes: number;
  pulls: number;
  /** Stream connections closed for a framing error (filled by the receiver). */
  streamErrors: number;
}

export interface TriggerOptions<D extends SenderDevice> {
  matcher: SenderMatcher<D>;
  debounceMs: number;
  /** Longest a device that keeps sending waits for its pull (default max(10 s, debounce)). */
  maxWaitMs?: number;
  rate: { perSecond: number; burst: number };
  timers?: Timers;
  /** Each recognised change from a known device (persist it: events-repo). Errors are swallowed. */
  onChange?(change: ReceivedChange): void;
  /** A message dropped before recognition (operators ask "why did my device not trigger?"). */
  onDrop?(reason: 'rate-limited' | 'malformed' | 'unknown-sender', sender: string): void;
  /** The burst settled: pull this device now. */
  onPull(device: D, claim: SyslogClaim): void;
}

export class SyslogTrigger<D extends SenderDevice> {
  readonly stats: SyslogStats = { received: 0, oversize: 0, rateLimited: 0, malformed: 0, unknownSender: 0, other: 0, changes: 0, pulls: 0, streamErrors: 0 };
  private readonly buckets: TokenBuckets;
  private readonly debouncer: Debouncer<ReceivedChange>;
  private readonly timers: Timers;
  private readonly devices = new Map<string, D>();

  private matcher: SenderMatcher<D>;

  constructor(private readonly opts: TriggerOptions<D>) {
    this.matcher = opts.matcher;
    this.timers = opts.timers ?? realTimers;
    this.buckets = new TokenBuckets(opts.rate.perSecond, opts.rate.burst, () => this.timers.now());
    const maxWait = opts.maxWaitMs ?? Math.max(10_000, opts.debounceMs);
    this.debouncer = new Debouncer(opts.debounceMs, maxWait, this.timers, (name, changes, count) => {
      const device = this.devices.get(name);
      if (!device) return;
      this.stats.pulls++;
      opts.onPull(device, claimOf(changes, count));
    });
  }

  /** One frame (a datagram, or one framed stream message) from `sender`. Never throws. */
  handle(frame: Uint8Array, sender: string, transport: ReceivedChange['transport']): void {
    this.stats.received++;
    try {
      const from = normaliseAddress(sender);
      if (!this.buckets.take(from)) {
        this.stats.rateLimited++;
        this.opts.onDrop?.('rate-limited', from);
        return;
      }
      if (frame.length > MAX_MESSAGE_BYTES) this.stats.oversize++;
      const text = decodeFrame(frame);
      const parsed = parseSyslog(text);
      if (!parsed.ok) {
        this.stats.malformed++;
        this.opts.onDrop?.('malformed', from);
        return;
      }
      const matched = this.matcher.match(from, parsed.message.hostname);
      // FortiOS sends no header hostname; its body names the device (devname=).
      const event = recogniseChange(parsed.message, matched[0]?.platform);
      const devices = matched.length ? matched : event?.host ? this.matcher.match(from, event.host) : [];
      if (!devices.length) {
        this.stats.unknownSender++;
        this.opts.onDrop?.('unknown-sender', from);
        return;
      }
      if (!event) {
        this.stats.other++;
        return;
      }
      this.stats.changes++;
      const receivedAt = new Date(this.timers.now()).toISOString();
      const raw = cleanRawLine(text);
      for (const d of devices) {
        const change: ReceivedChange = { device: d.name, event, receivedAt, sender: from, transport, raw };
        this.devices.set(d.name, d);
        try {
          this.opts.onChange?.(change);
        } catch {
          // Losing an event row must not lose the pull.
        }
        this.debouncer.add(d.name, change);
      }
    } catch {
      this.stats.malformed++;
    }
  }

  /** A reloaded inventory (pending pulls of removed devices are still fired: they were announced). */
  setMatcher(matcher: SenderMatcher<D>): void {
    this.matcher = matcher;
  }

  /** Pulls waiting for their burst to settle. */
  get pendingPulls(): number {
    return this.debouncer.pending;
  }

  stop(): void {
    this.debouncer.cancelAll();
  }
}
