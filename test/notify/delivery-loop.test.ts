import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateDb } from '../../src/store/state.js';
import { SMTPServer } from 'smtp-server';
import type { ServerResponse } from 'node:http';
import { startDelivery, type Delivery, type DeliveryOptions } from '../../src/notify/delivery-loop.js';
import { defaultSenders } from '../../src/notify/registry.js';
import type { RoutableChannel } from '../../src/notify/channel-schemas.js';
import { OutboxRepo } from '../../src/state/outbox-repo.js';
import { startSmtp } from '../helpers/smtp.js';
import { makeAlert, startHttpSink, type HttpSink } from './fixtures.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function repo(): OutboxRepo {
  const dir = mkdtempSync(join(tmpdir(), 'dw-delivery-'));
  dirs.push(dir);
  // The outbox table comes from the state's migrations, as in production.
  return new OutboxRepo(StateDb.open(join(dir, 'state.db')).db);
}

const T0 = new Date('2026-12-01T12:00:00Z');
const quietLog = { warn: () => {}, error: () => {} };

/** Polls until `cond` holds (a guard against a hung test, not a timing assertion). */
async function until(cond: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited > limitMs) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An HTTP server that takes requests and never answers; records aborted requests. */
async function hangingHttp(): Promise<HttpSink & { held: ServerResponse[]; aborted: () => number }> {
  const held: ServerResponse[] = [];
  let aborted = 0;
  const sink = await startHttpSink(0, (_req, res) => {
    held.push(res);
    res.on('close', () => aborted++);
    return true;
  });
  return Object.assign(sink, { held, aborted: () => aborted });
}

/** An SMTP server (smtp-server) that takes the message and stalls before accepting it. */
async function stallingSmtp(): Promise<{ port: number; stalled: () => number; close(): Promise<void> }> {
  let stalled = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true, logger: false, closeTimeout: 50,
    onData(stream) {
      stream.on('data', () => {});
      stream.on('end', () => stalled++); // never calls back: the client waits for "250 OK" forever
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, stalled: () => stalled, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A TCP server that accepts and never says a word (an SMTP host that never greets). */
async function silentTcp(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); }) };
}

const email = (port: number): RoutableChannel => ({ type: 'email', host: '127.0.0.1', port, secure: false, from: 'dw@example.net', to: 'noc@example.net' });

function run(outbox: OutboxRepo, channels: Record<string, RoutableChannel>, over: Partial<DeliveryOptions> = {}): { delivery: Delivery; settled: Array<{ channel: string; alertId: string; outcome: string; error?: string }> } {
  const settled: Array<{ channel: string; alertId: string; outcome: string; error?: string }> = [];
  const delivery = startDelivery({
    outbox, channels: new Map(Object.entries(channels)), senders: defaultSenders, clock: () => T0, log: quietLog,
    intervalMs: 3_600_000, perChannelConcurrency: 1, timeoutMs: 60_000,
    onSettled: (e) => settled.push(e), ...over,
  });
  return { delivery, settled };
}

test('hanging HTTP and SMTP channels never delay the others; stop aborts them and leaves their alerts queued, untouched', async () => {
  const hang = await hangingHttp();
  const stall = await stallingSmtp();
  const fast = await startHttpSink();
  const smtp = await startSmtp();
  try {
    const outbox = repo();
    for (const ch of ['hang', 'mailstall', 'fast', 'mail']) for (const n of [1, 2]) outbox.enqueue(ch, makeAlert({ id: `${ch}-${n}` }), T0);
    const { delivery, settled } = run(outbox, {
      hang: { type: 'webhook', url: `${hang.url}/hook` },
      mailstall: email(stall.port),
      fast: { type: 'slack', webhook_url: `${fast.url}/services/x` },
      mail: email(smtp.port),
    });
    await until(() => settled.filter((e) => e.outcome === 'delivered').length === 4, 'fast and mail delivered');
    assert.deepEqual(settled.map((e) => `${e.channel}:${e.outcome}`).sort(), ['fast:delivered', 'fast:delivered', 'mail:delivered', 'mail:delivered']);
    assert.equal(fast.received.length, 2);
    assert.equal(smtp.mails.length, 2);
    // Meanwhile the hanging channels are still on their first item (one lane each), the second not started.
    await until(() => hang.held.length === 1 && stall.stalled() === 1, 'hanging servers hold one request each');
    const pending = () => outbox.list(10, true).map((e) => `${e.alert.id}:${e.attempts}:${e.lastError ?? '-'}`).sort();
    assert.deepEqual(pending(), ['hang-1:0:-', 'hang-2:0:-', 'mailstall-1:0:-', 'mailstall-2:0:-']);

    await delivery.stop(200);
    await until(() => hang.aborted() === 1, 'the hanging HTTP request was aborted by stop');
    assert.deepEqual(pending(), ['hang-1:0:-', 'hang-2:0:-', 'mailstall-1:0:-', 'mailstall-2:0:-'], 'shutdown is not a channel failure: no attempt counted');
    assert.equal(hang.held.length, 1, 'nothing new started after stop');
  } finally {
    await Promise.all([hang.close(), stall.close(), fast.close(), smtp.close()]);
  }
});

test('a send past its time limit fails (HTTP that never answers, SMTP host that never greets) and is retried later', async () => {
  const hang = await hangingHttp();
  const silent = await silentTcp();
  const fast = await startHttpSink();
  try {
    const outbox = repo();
    outbox.enqueue('hang', makeAlert({ id: 'h' }), T0);
    outbox.enqueue('silent', makeAlert({ id: 's' }), T0);
    outbox.enqueue('fast', makeAlert({ id: 'f' }), T0);
    const { delivery, settled } = run(outbox, { hang: { type: 'webhook', url: hang.url }, silent: email(silent.port), fast: { type: 'webhook', url: fast.url } }, { timeoutMs: 300 });
    await until(() => settled.length === 3, 'three sends settled');
    assert.equal(settled[0]!.channel, 'fast', 'the fast channel settles first');
    const byId = new Map(outbox.list(10).map((e) => [e.alert.id, e]));
    assert.ok(byId.get('f')!.deliveredAt);
    assert.equal(byId.get('h')!.lastError, `webhook (127.0.0.1:${hang.port}) failed: timed out`);
    assert.match(byId.get('s')!.lastError!, new RegExp(`^email via 127\\.0\\.0\\.1:${silent.port} failed: `));
    for (const id of ['h', 's']) {
      assert.equal(byId.get(id)!.attempts, 1);
      assert.equal(byId.get(id)!.nextAttemptAt, new Date(T0.getTime() + 30_000).toISOString(), 'first retry after 30 s');
    }
    await delivery.stop(100);
  } finally {
    await Promise.all([hang.close(), silent.close(), fast.close()]);
  }
});

test('per-channel concurrency: a slow channel gets exactly its lanes; kick() returns before anything is sent', async () => {
  const slow = await hangingHttp();
  try {
    const outbox = repo();
    for (let i = 0; i < 5; i++) outbox.enqueue('slow', makeAlert({ id: `s${i}` }), T0);
    const { delivery, settled } = run(outbox, { slow: { type: 'webhook', url: slow.url } }, { perChannelConcurrency: 2 });
    delivery.kick();
    assert.equal(slow.received.length, 0, 'kick only schedules');
    await until(() => slow.held.length === 2, 'two requests in flight');
    for (let i = 0; i < 20; i++) {
      delivery.kick();
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(slow.held.length, 2, 'no third request while both lanes are busy');
    // Answer as requests come: the remaining three flow through the two lanes.
    const answered = new Set<ServerResponse>();
    const answerAll = () => slow.held.forEach((res) => { if (!answered.has(res)) { answered.add(res); res.end('ok'); } });
    await until(() => { answerAll(); return settled.length === 5; }, 'all five delivered');
    assert.ok(settled.every((e) => e.outcome === 'delivered'));
    assert.deepEqual(outbox.list(10, true), []);
    await delivery.stop(100);
  } finally {
    await slow.close();
  }
});

test('a failed item is retried when its backoff has passed on the injected clock; a removed channel stays pending', async () => {
  const flaky = await startHttpSink();
  flaky.status = 500;
  try {
    const outbox = repo();
    outbox.enqueue('flaky', makeAlert({ id: 'f1' }), T0);
    outbox.enqueue('gone', makeAlert({ id: 'g1' }), T0);
    let now = T0;
    const { delivery, settled } = run(outbox, { flaky: { type: 'webhook', url: flaky.url } }, { clock: () => now });
    await until(() => settled.length === 2, 'both failed once');
    const gone = outbox.list(10).find((e) => e.alert.id === 'g1')!;
    assert.match(gone.lastError!, /channel "gone" is not in the alerts config.*kept pending/);
    assert.equal(flaky.received.length, 1);
    delivery.kick();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(flaky.received.length, 1, 'not retried before its backoff');
    flaky.status = 200;
    now = new Date(T0.getTime() + 30_000);
    delivery.kick();
    await until(() => settled.some((e) => e.alertId === 'f1' && e.outcome === 'delivered'), 'f1 delivered on retry');
    assert.equal(flaky.received.length, 2);
    assert.deepEqual(outbox.list(10, true).map((e) => e.alert.id), ['g1']);
    await delivery.stop(100);
  } finally {
    await flaky.close();
  }
});

test('a hanging channel with a backlog larger than the batch does not starve a channel queued behind it', async () => {
  const hang = await hangingHttp();
  const fast = await startHttpSink();
  try {
    const outbox = repo();
    for (let i = 0; i < 10; i++) outbox.enqueue('hang', makeAlert({ id: `h${i}` }), T0);
    outbox.enqueue('fast', makeAlert({ id: 'f' }), T0);
    const { delivery, settled } = run(outbox, { hang: { type: 'webhook', url: hang.url }, fast: { type: 'webhook', url: fast.url } }, { batch: 3 });
    await until(() => hang.held.length === 1, 'hang busy');
    delivery.kick();
    await until(() => settled.some((e) => e.alertId === 'f' && e.outcome === 'delivered'), 'fast delivered behind the backlog');
    await delivery.stop(50);
  } finally {
    await Promise.all([hang.close(), fast.close()]);
  }
});
