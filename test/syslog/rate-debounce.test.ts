/** Token buckets per sender and per-device debounce, on an injected clock (no sleeps). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBuckets } from '../../src/syslog/rate-limit.js';
import { Debouncer } from '../../src/syslog/debounce.js';
import { ManualTimers } from '../../src/syslog/timers.js';

test('a sender gets its burst, then its rate; other senders are not affected', () => {
  const clock = new ManualTimers();
  const b = new TokenBuckets(10, 5, () => clock.now());
  assert.deepEqual(Array.from({ length: 7 }, () => b.take('a')), [true, true, true, true, true, false, false]);
  assert.equal(b.take('b'), true);
  clock.advance(100); // one token back at 10/s
  assert.equal(b.take('a'), true);
  assert.equal(b.take('a'), false);
  clock.advance(10_000);
  assert.equal([...Array(6)].filter(() => b.take('a')).length, 5, 'refills to the burst, not beyond');
});

test('the number of senders tracked is bounded', () => {
  const clock = new ManualTimers();
  const b = new TokenBuckets(1, 1, () => clock.now(), 100);
  for (let i = 0; i < 1000; i++) b.take(`10.0.${i >> 8}.${i & 255}`);
  assert.ok(b.senders <= 100);
});

test('a burst gives one fire after it settles, with every item; the max wait bounds a chatty device', () => {
  const timers = new ManualTimers();
  const fired: Array<[string, number[], number, number]> = [];
  const d = new Debouncer<number>(2000, 10_000, timers, (k, items, count) => fired.push([k, items, count, timers.now()]));
  for (let i = 0; i < 100; i++) {
    d.add('r1', i);
    timers.advance(10); // 100 messages within 1 s
  }
  assert.equal(fired.length, 0);
  timers.advance(1999);
  assert.equal(fired.length, 1);
  assert.equal(fired[0]![0], 'r1');
  assert.equal(fired[0]![2], 100);
  assert.equal(fired[0]![1][0], 0, 'first item kept');
  assert.equal(fired[0]![1].at(-1), 99, 'latest item kept');
  assert.ok(fired[0]![1].length <= 20, 'items bounded');
  assert.equal(fired[0]![3], 990 + 2000);
  // A device that never stops: pulled every max wait (10 s), not never.
  const start = timers.now();
  for (let i = 0; i < 30; i++) {
    d.add('r2', i);
    timers.advance(1000);
  }
  assert.deepEqual(
    fired.filter((f) => f[0] === 'r2').map((f) => f[3] - start),
    [10_000, 20_000, 30_000],
  );
});
