/**
 * Slow (3 s per reply), failing (HTTP 500) and hanging (never answers) webhooks, and an SMTP server
 * that never finishes DATA, beside one healthy webhook, under a daemon cycling every 2 s while
 * devices change. Cycles keep completing while a request hangs, the healthy channel gets every
 * change, SIGTERM stops the daemon within the drain bound (measured), and what the broken
 * channels did not accept stays queued in the outbox.
 */
import type { FaultCase } from '../lib/case.js';
import { markersAlerted } from '../lib/checks.js';
import { FaultFleet } from '../lib/fleet.js';
import { runCli, sleep, startCli, until } from '../lib/proc.js';
import { startReceiver } from '../lib/receiver.js';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

const DRAIN_S = 3;
/** Bound asserted on SIGTERM: the drain plus slack for a loaded 2-core machine (not part of npm test). */
const STOP_BOUND_MS = DRAIN_S * 1000 + 7000;

export const brokenChannels: FaultCase = {
  name: 'channels-slow-fail-hang',
  runs: 2,
  describe: 'slow, failing and hanging webhooks, hanging SMTP, healthy webhook; daemon every 2 s; SIGTERM',
  async run(ctx) {
    let stopMax = 0;
    for (let i = 0; i < ctx.runs; i++) {
      const good = await startReceiver();
      const slow = await startReceiver({ kind: 'slow', ms: 3000 });
      const fail = await startReceiver({ kind: 'fail', status: 500 });
      const hang = await startReceiver({ kind: 'hang' });
      const smtp = await hangingSmtp();
      const alerts = [
        { type: 'webhook', name: 'good', url: good.url },
        { type: 'webhook', name: 'slow', url: slow.url },
        { type: 'webhook', name: 'fail', url: fail.url },
        { type: 'webhook', name: 'hang', url: hang.url },
        { type: 'email', name: 'mail', host: '127.0.0.1', port: smtp.port, from: 'dw@example.test', to: 'noc@example.test' },
      ];
      const fleet = await FaultFleet.start({ devices: 3, alerts, extra: { schedule: '*/2 * * * * *' } });
      const tag = `run ${i + 1}`;
      try {
        const first = await runCli(['pull'], fleet.dir, {}, 60_000); // baseline; its own delivery attempt is bounded too
        if (first.code !== 0) ctx.violation(`${tag}: first pull exit ${first.code}`);
        const daemon = startCli(['daemon', '--drain', String(DRAIN_S)], fleet.dir);
        const markers = new Map<string, string>();
        const cyclesDone = () => daemon.stderr().split('\n').filter((l) => l.includes('"cycle done"')).length;
        for (let k = 0; k < 3; k++) {
          const sim = fleet.sims[k % 3]!;
          markers.set(fleet.inject(sim, 'channels'), sim.name);
          await sleep(2100);
        }
        // A request hangs; cycles must go on completing meanwhile.
        if (!(await until(() => hang.pending > 0, 30_000))) ctx.violation(`${tag}: the hanging channel was never called`);
        const before = cyclesDone();
        const sim = fleet.sims[0]!;
        markers.set(fleet.inject(sim, 'channels'), sim.name);
        if (!(await until(() => cyclesDone() >= before + 2, 30_000))) ctx.violation(`${tag}: cycles stalled while a channel hangs (${cyclesDone() - before} done)`);
        if (hang.pending === 0) ctx.violation(`${tag}: the hanging request was dropped before the cycles ran (test lost its premise)`);
        if (!(await until(() => markersAlerted(good.alerts, markers).length === 0, 30_000))) for (const p of markersAlerted(good.alerts, markers)) ctx.violation(`${tag}: healthy channel: ${p}`);
        const skipped = daemon.stderr().split('\n').filter((l) => l.includes('tick skipped')).length;
        const t0 = Date.now();
        daemon.child.kill('SIGTERM');
        const timer = setTimeout(() => daemon.child.kill('SIGKILL'), 60_000);
        const exit = await daemon.done;
        clearTimeout(timer);
        const stopMs = Date.now() - t0;
        stopMax = Math.max(stopMax, stopMs);
        if (exit.code !== 0) ctx.violation(`${tag}: daemon exit ${exit.code ?? exit.signal} on SIGTERM`);
        if (stopMs > STOP_BOUND_MS) ctx.violation(`${tag}: SIGTERM took ${stopMs} ms (bound ${STOP_BOUND_MS} ms, drain ${DRAIN_S} s)`);
        const pending = fleet.outboxPending();
        for (const ch of ['fail', 'hang', 'mail']) if (!pending.some((p) => p.channel === ch)) ctx.violation(`${tag}: nothing queued for ${ch} after stop (alerts lost?)`);
        if (pending.some((p) => p.channel === 'good' && p.kind.startsWith('drift-'))) ctx.violation(`${tag}: healthy channel still has drift alerts queued`);
        ctx.figure(`run${i + 1}_stop_ms`, stopMs);
        ctx.figure(`run${i + 1}_cycles`, cyclesDone());
        ctx.figure(`run${i + 1}_ticks_skipped`, skipped);
        ctx.figure(`run${i + 1}_queued`, pending.length);
      } finally {
        await fleet.close();
        for (const r of [good, slow, fail, hang]) await r.close();
        await smtp.close();
      }
    }
    ctx.figure('sigterm_ms_max', stopMax);
    ctx.figure('drain_s', DRAIN_S);
  },
};

/** A real SMTP server that reads the message and never acknowledges it. */
async function hangingSmtp(): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream) {
      stream.resume(); // swallow the message; the final "250 OK" never comes
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
