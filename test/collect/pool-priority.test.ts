/** A scheduled cycle's pool starts no new pull while a syslog-announced (urgent) pool runs. Asserted by event order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPool } from '../../src/collect/pool.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

test('a normal pool waits for an urgent pool before starting its next item; started items go on', async () => {
  const events: string[] = [];
  const n1 = gate();
  const u1 = gate();
  const n1Started = gate();
  const normal = runPool(['n1', 'n2', 'n3'], 1, async (item) => {
    events.push(`${item} start`);
    if (item === 'n1') {
      n1Started.open();
      await n1.opened;
    }
    events.push(`${item} end`);
    return item;
  });
  await n1Started.opened;
  const urgent = runPool(['u1'], 4, async (item) => {
    events.push(`${item} start`);
    await u1.opened;
    events.push(`${item} end`);
    return item;
  }, { priority: 'urgent' });
  n1.open();
  // Let the normal pool run as far as it may: n1 ends, n2 must not start.
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.deepEqual(events, ['n1 start', 'u1 start', 'n1 end']);
  u1.open();
  assert.deepEqual(await urgent, ['u1']);
  assert.deepEqual(await normal, ['n1', 'n2', 'n3']);
  assert.deepEqual(events, ['n1 start', 'u1 start', 'n1 end', 'u1 end', 'n2 start', 'n2 end', 'n3 start', 'n3 end']);
});

test('urgent pools never wait for each other, and a failing urgent pool releases the normal ones', async () => {
  const events: string[] = [];
  await assert.rejects(runPool(['bad'], 1, async () => Promise.reject(new Error('boom')), { priority: 'urgent' }));
  const u = gate();
  const a = runPool(['a'], 1, async (x) => (await u.opened, events.push(x), x), { priority: 'urgent' });
  const b = runPool(['b'], 1, async (x) => (events.push(x), x), { priority: 'urgent' });
  assert.deepEqual(await b, ['b']);
  u.open();
  await a;
  assert.deepEqual(await runPool(['n'], 1, async (x) => x), ['n']);
  assert.deepEqual(events, ['b', 'a']);
});
