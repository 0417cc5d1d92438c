/**
 * Where the seconds of a syslog-triggered detection go: subscribes to the stage trace
 * (src/core/stage-trace.ts) and, per announced device, finds the first event of each stage after
 * the previous one. Also the store's commit batches (how long each ran, how long it waited) and
 * the scheduled cycle's decision phase.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { STAGE_CHANNEL, type StageEvent } from '../src/core/stage-trace.js';

/** Stage boundaries of one syslog-triggered detection, in order. */
const CHAIN = ['syslog-settled', 'urgent-start', 'pulled', 'commit-queued', 'commit-start', 'commit-done', 'steps-wait', 'steps-start', 'steps-done'] as const;
/** Names of the gaps before each boundary of CHAIN (and the outbox row after the last). */
const GAPS = ['debounce', 'hold', 'ssh', 'to-store', 'store-queue', 'git', 'to-decide', 'decide-queue', 'decide', 'outbox'] as const;

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const r2 = (x: number) => Math.round(x * 100) / 100;

export class StageRecorder {
  private events: StageEvent[] = [];
  private readonly listener = (m: unknown) => void this.events.push(m as StageEvent);

  constructor(private readonly fleet: number) {
    subscribe(STAGE_CHANNEL, this.listener);
  }

  stop(): void {
    unsubscribe(STAGE_CHANNEL, this.listener);
  }

  /** Gaps in seconds per device, from its send (performance.now()) to its outbox row. */
  private chain(device: string, sentAt: number, outboxAt: number | undefined): Record<string, number> {
    const gaps: Record<string, number> = {};
    let prev = sentAt;
    for (const [k, stage] of CHAIN.entries()) {
      const urgentOnly = stage.startsWith('steps');
      const e = this.events.find((x) => x.stage === stage && x.at >= prev && x.devices.includes(device) && (!urgentOnly || x.devices.length < this.fleet));
      if (!e) return gaps;
      gaps[GAPS[k]!] = (e.at - prev) / 1000;
      prev = e.at;
    }
    if (outboxAt !== undefined) gaps.outbox = (outboxAt - prev) / 1000;
    return gaps;
  }

  /** Per stage: p50 and max over the devices, in seconds. */
  summary(sent: ReadonlyMap<string, number>, outbox: ReadonlyMap<string, number>) {
    const per = [...sent].map(([d, at]) => this.chain(d, at, outbox.get(d)));
    const stages: Record<string, { p50: number; max: number; n: number }> = {};
    for (const g of GAPS) {
      const xs = per.map((p) => p[g]).filter((x): x is number => x !== undefined);
      stages[g] = { p50: r2(quantile(xs, 0.5)), max: r2(Math.max(...xs)), n: xs.length };
    }
    const batches = (big: boolean) => {
      const out: number[] = [];
      const waits: number[] = [];
      const starts = this.events.filter((e) => e.stage === 'commit-start' && (e.devices.length > 20) === big);
      for (const s of starts) {
        const done = this.events.find((e) => e.stage === 'commit-done' && e.at >= s.at && e.devices === s.devices);
        const queued = this.events.find((e) => e.stage === 'commit-queued' && e.devices === s.devices);
        if (done) out.push((done.at - s.at) / 1000);
        if (queued) waits.push((s.at - queued.at) / 1000);
      }
      return { count: starts.length, git_p50_s: r2(quantile(out, 0.5)), git_max_s: r2(Math.max(0, ...out)), wait_max_s: r2(Math.max(0, ...waits)) };
    };
    const big = (stage: string) => this.events.find((e) => e.stage === stage && e.devices.length >= this.fleet * 0.9);
    const [w, s, d] = [big('steps-wait'), big('steps-start'), big('steps-done')];
    const steps: Record<string, number> = {};
    if (s) {
      let prev = s.at;
      for (const e of this.events.filter((e) => e.stage.startsWith('step:') && e.at >= s.at && e.devices.length >= this.fleet * 0.9)) {
        steps[e.stage.slice(5)] = r2((e.at - prev) / 1000);
        prev = e.at;
      }
    }
    return {
      stages,
      store_batches: { small: batches(false), large: batches(true) },
      scheduled_decisions_s: s && d ? r2((d.at - s.at) / 1000) : NaN,
      scheduled_decisions_wait_s: w && s ? r2((s.at - w.at) / 1000) : NaN,
      scheduled_steps_s: steps,
    };
  }
}
