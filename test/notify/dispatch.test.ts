import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoutableChannel as ChannelConfig } from '../../src/notify/channel-schemas.js';
import { backoffMs, dispatchDue, type OutboxItem, type OutboxRepo } from '../../src/notify/dispatch.js';
import { defaultSenders } from '../../src/notify/registry.js';
import type { Alert, Senders } from '../../src/notify/types.js';
import { freePort, makeAlert, startHttpSink, type HttpSink } from './fixtures.js';

interface Row extends OutboxItem {
  nextAttemptAt: Date;
  deliveredAt?: Date;
  lastError?: string;
}

/** The OutboxRepo contract in memory (the daemon's is SQLite). */
class MemoryOutbox implements OutboxRepo {
  rows: Row[] = [];
  private nextId = 1;
  add(channel: string, alert: Alert, at: Date): Row {
    const row: Row = { id: this.nextId++, channel, alert, attempts: 0, nextAttemptAt: at };
    this.rows.push(row);
    return row;
  }
  due(now: Date, limit: number): OutboxItem[] {
    return this.rows
      .filter((r) => !r.deliveredAt && r.nextAttemptAt <= now)
      .slice(0, limit)
      .map(({ id, channel, alert, attempts }) => ({ id, channel, alert, attempts }));
  }
  markDelivered(id: number, now: Date): void {
    this.get(id).deliveredAt = now;
  }
  markFailed(id: number, _now: Date, error: string, nextAttemptAt: Date): void {
    const row = this.get(id);
    row.attempts++;
    row.lastError = error;
    row.nextAttemptAt = nextAttemptAt;
  }
  get(id: number): Row {
    return this.rows.find((r) => r.id === id)!;
  }
}

const T0 = Date.parse('2024-05-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);

test('backoff doubles from 30 s and is capped at 1 h', () => {
  assert.deepEqual([0, 1, 2, 3, 6, 7, 20, 1000].map((n) => backoffMs(n) / 1000), [30, 60, 120, 240, 1920, 3600, 3600, 3600]);
});

test('a down channel backs off and recovers; the other channel and removed channels are handled apart', async () => {
  const up = await startHttpSink();
  const flaky = await startHttpSink(); // answers 500 until fixed
  const closedPort = await freePort(); // nothing listening until later
  let revived: HttpSink | undefined;
  flaky.status = 500;
  try {
    const channels = new Map<string, ChannelConfig>([
      ['up', { type: 'webhook', url: `${up.url}/up` }],
      ['flaky', { type: 'slack', webhook_url: `${flaky.url}/services/T/B/SECRET` }],
      ['closed', { type: 'webhook', url: `http://127.0.0.1:${closedPort}/hook` }],
    ]);
    const repo = new MemoryOutbox();
    const f1 = repo.add('flaky', makeAlert({ id: 'f1' }), at(0));
    const f2 = repo.add('flaky', makeAlert({ id: 'f2' }), at(0));
    const u1 = repo.add('up', makeAlert({ id: 'u1' }), at(0));
    const c1 = repo.add('closed', makeAlert({ id: 'c1' }), at(0));
    const gone = repo.add('old-channel', makeAlert({ id: 'g1' }), at(0));
    let clock = at(0);
    const now = () => clock;

    // Run 1: "up" delivers; "flaky" fails its first item and leaves the second for later.
    assert.deepEqual(await dispatchDue(repo, channels, defaultSenders, now), { delivered: 1, failed: 3 });
    assert.deepEqual(up.received.map((r) => JSON.parse(r.body).id), ['u1']);
    assert.ok(repo.get(u1.id).deliveredAt);
    assert.equal(repo.get(f1.id).attempts, 1);
    assert.equal(repo.get(f1.id).nextAttemptAt.getTime(), at(30).getTime());
    assert.match(repo.get(f1.id).lastError!, new RegExp(`^slack webhook \\(127\\.0\\.0\\.1:${flaky.port}\\) returned HTTP 500`));
    assert.ok(!repo.get(f1.id).lastError!.includes('SECRET'));
    assert.equal(repo.get(f2.id).attempts, 0, 'second item of a failing channel not tried in the same run');
    assert.match(repo.get(c1.id).lastError!, /ECONNREFUSED/);
    assert.equal(repo.get(gone.id).attempts, 1);
    assert.match(repo.get(gone.id).lastError!, /channel "old-channel" is not in the alerts config.*kept pending/);
    assert.ok(!repo.get(gone.id).deliveredAt);

    // Run 2, 1 s later: only f2 is due; it fails too.
    clock = at(1);
    assert.deepEqual(await dispatchDue(repo, channels, defaultSenders, now), { delivered: 0, failed: 1 });
    assert.equal(repo.get(f2.id).nextAttemptAt.getTime(), at(31).getTime());

    // Run 3 at +30 s: f1, c1, gone due again (second failure: 60 s); f2 not yet.
    clock = at(30);
    assert.deepEqual(await dispatchDue(repo, channels, defaultSenders, now), { delivered: 0, failed: 3 });
    assert.equal(repo.get(f1.id).nextAttemptAt.getTime(), at(90).getTime());
    assert.equal(repo.get(c1.id).nextAttemptAt.getTime(), at(90).getTime());
    assert.equal(repo.get(f2.id).attempts, 1);

    // The channels come back.
    flaky.status = 200;
    revived = await startHttpSink(closedPort);

    clock = at(90);
    assert.deepEqual(await dispatchDue(repo, channels, defaultSenders, now), { delivered: 3, failed: 1 });
    assert.deepEqual(flaky.received.filter((r) => r.headers['content-type']?.startsWith('application/json')).length, 5);
    assert.deepEqual(revived.received.map((r) => JSON.parse(r.body).id), ['c1']);
    for (const row of [f1, f2, c1, u1]) assert.ok(repo.get(row.id).deliveredAt, `${row.alert.id} delivered`);
    assert.ok(!repo.get(gone.id).deliveredAt, 'removed channel stays pending');
    assert.equal(repo.get(gone.id).nextAttemptAt.getTime(), at(90 + 120).getTime());

    // Nothing left to do but the orphan, which is not due yet.
    assert.deepEqual(await dispatchDue(repo, channels, defaultSenders, now), { delivered: 0, failed: 0 });
    assert.equal(up.received.length, 1, 'delivered items are not resent');
  } finally {
    await up.close();
    await flaky.close();
    await revived?.close();
  }
});

test('a hanging channel does not delay another; a send that never ends is cut by the guard', async () => {
  const sink = await startHttpSink();
  try {
    const channels = new Map<string, ChannelConfig>([
      ['hang', { type: 'slack', webhook_url: 'http://127.0.0.1:9/never' }],
      ['ok', { type: 'webhook', url: `${sink.url}/ok` }],
    ]);
    // Ordering, not timing: the healthy channel is delivered before the hanging one gives up.
    const order: string[] = [];
    const senders: Senders = {
      slack: () => new Promise<void>(() => {}), // never settles
      webhook: async (ch, alert) => {
        await defaultSenders.webhook(ch, alert);
        order.push('ok delivered');
      },
    };
    const repo = new MemoryOutbox();
    const h = repo.add('hang', makeAlert({ id: 'h' }), at(0));
    const o = repo.add('ok', makeAlert({ id: 'o' }), at(0));
    const errors: string[] = [];
    const res = await dispatchDue(repo, channels, senders, () => at(0), {
      sendTimeoutMs: 800,
      onError: (_i, e) => {
        errors.push(e);
        order.push('hang timed out');
      },
    });
    assert.deepEqual(res, { delivered: 1, failed: 1 });
    assert.deepEqual(order, ['ok delivered', 'hang timed out']);
    assert.ok(repo.get(o.id).deliveredAt);
    assert.deepEqual(errors, ['send did not finish within 0.8 s']);
    assert.equal(repo.get(h.id).nextAttemptAt.getTime(), at(30).getTime());
  } finally {
    await sink.close();
  }
});

test('a channel type without a sender stays pending with a clear error; limit is honoured', async () => {
  const repo = new MemoryOutbox();
  for (let i = 0; i < 5; i++) repo.add('mail', makeAlert({ id: `m${i}` }), at(0));
  const channels = new Map<string, ChannelConfig>([
    ['mail', { type: 'email', host: '127.0.0.1', port: 25, secure: false, from: 'a@b.c', to: 'x@y.z' }],
  ]);
  const res = await dispatchDue(repo, channels, {}, () => at(0), { limit: 2 });
  assert.deepEqual(res, { delivered: 0, failed: 2 });
  assert.equal(repo.rows.filter((r) => r.attempts === 1).length, 2);
  assert.match(repo.rows[0]!.lastError!, /no sender for channel type email; kept pending/);
});
