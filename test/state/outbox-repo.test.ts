import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxRepo, outboxOf } from '../../src/state/outbox-repo.js';
import { StateDb } from '../../src/store/state.js';
import type { Alert } from '../../src/notify/types.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-outbox-'));
  dirs.push(dir);
  return join(dir, 'state.db');
}

const T0 = new Date('2026-12-01T12:00:00.000Z');
const at = (sec: number) => new Date(T0.getTime() + sec * 1000);
const alert = (id: string): Alert => ({ id, kind: 'drift-new', severity: 'critical', device: { name: 'sw1', host: 'h', platform: 'cisco_ios', tags: [] }, summary: id, detectedAt: T0.toISOString() });
const ids = (items: Array<{ id: number }>) => items.map((i) => i.id);

test('on the StateDb connection: the same table and columns migrations made, and the old rows are read', () => {
  const path = dbFile();
  const state = StateDb.open(path);
  const legacy = state.enqueueAlert('mail', alert('old'), at(0)); // written by the code this replaces
  const repo = outboxOf(state);
  assert.deepEqual(ids(repo.due(at(0), 10)), [legacy]);
  const cols = (state.db.prepare(`PRAGMA table_info(outbox)`).all() as Array<{ name: string }>).map((c) => c.name);
  assert.deepEqual(cols, ['id', 'channel', 'alert_json', 'created_at', 'attempts', 'next_attempt_at', 'delivered_at', 'last_error']);
  new OutboxRepo(state.db); // idempotent
  state.close();
});

test('enqueue is idempotent per (channel, alert id); due order, limit, exclude; delivered never due again', () => {
  const db = StateDb.open(dbFile()).db; // migrated: the outbox table is the migrations'
  const repo = new OutboxRepo(db);
  const a = repo.enqueue('mail', alert('a'), at(0))!;
  const [b, c] = repo.enqueueMany([{ channel: 'mail', alert: alert('b') }, { channel: 'hook', alert: alert('a') }], at(1));
  assert.equal(repo.enqueue('mail', alert('a'), at(2)), undefined, 'same alert id on the same channel: not queued twice');
  assert.equal(repo.pendingCount(), 3);
  // A new item is due at once, even for a clock reading earlier than its enqueue time.
  assert.deepEqual(ids(repo.due(at(0), 10)), [a, b!, c!]);
  assert.deepEqual(ids(repo.due(at(5), 10)), [a, b!, c!]);
  assert.deepEqual(ids(repo.due(at(5), 2)), [a, b!]);
  assert.deepEqual(ids(repo.due(at(5), 10, new Set([a]))), [b!, c!], 'in-flight ids excluded');
  repo.markDelivered(b!, at(6));
  assert.deepEqual(ids(repo.due(at(99_999), 10)), [a, c!]);
  assert.equal(repo.list(10).find((e) => e.id === b)!.deliveredAt, at(6).toISOString());
  db.close();
});

test('markFailed schedules the backoff, keeps the error, and null gives up until retryAll', () => {
  const db = StateDb.open(dbFile()).db; // migrated: the outbox table is the migrations'
  const repo = new OutboxRepo(db);
  const a = repo.enqueue('mail', alert('a'), at(0))!;
  repo.markFailed(a, at(0), 'smtp 421', undefined); // first failure: 30 s
  assert.deepEqual(ids(repo.due(at(29), 10)), []);
  assert.deepEqual(ids(repo.due(at(30), 10)), [a]);
  repo.markFailed(a, at(30), 'again'); // second: 60 s
  assert.equal(repo.list(1)[0]!.nextAttemptAt, at(90).toISOString());
  assert.equal(repo.list(1)[0]!.attempts, 2);
  assert.equal(repo.list(1)[0]!.lastError, 'again');
  repo.markFailed(a, at(90), 'x'.repeat(5000), null);
  assert.deepEqual(ids(repo.due(at(10 ** 7), 10)), [], 'given up');
  assert.ok(repo.list(1)[0]!.lastError!.length <= 2000);
  assert.equal(repo.retryAll(at(100)), 1);
  assert.deepEqual(ids(repo.due(at(100), 10)), [a]);
  db.close();
});

test('a clock stepped backwards never delays a retry by more than its backoff', () => {
  const db = StateDb.open(dbFile()).db; // migrated: the outbox table is the migrations'
  const repo = new OutboxRepo(db);
  const fresh = repo.enqueue('mail', alert('fresh'), at(3600))!; // enqueued at 13:00 ...
  const failed = repo.enqueue('mail', alert('failed'), at(3600))!;
  repo.markFailed(failed, at(3600), 'down'); // ... retry at 13:00:30
  const waiting = repo.enqueue('hook', alert('waiting'), at(0))!;
  repo.markFailed(waiting, at(0), 'down'); // retry at 12:00:30, honestly waiting
  // The clock steps back one hour, to 12:00:10.
  const now = at(10);
  assert.deepEqual(ids(repo.due(now, 10)).sort(), [fresh, failed].sort(), 'items scheduled beyond their backoff are due now');
  assert.ok(!ids(repo.due(now, 10)).includes(waiting), 'an item within its backoff still waits');
  assert.deepEqual(ids(repo.due(at(30), 10)).includes(waiting), true);
  db.close();
});

test('prune deletes delivered rows older than the cut, never undelivered ones', () => {
  const db = StateDb.open(dbFile()).db; // migrated: the outbox table is the migrations'
  const repo = new OutboxRepo(db);
  const a = repo.enqueue('mail', alert('a'), at(0))!;
  const b = repo.enqueue('mail', alert('b'), at(0))!;
  repo.enqueue('mail', alert('c'), at(0));
  repo.markDelivered(a, at(10));
  repo.markDelivered(b, at(100));
  assert.equal(repo.prune(at(50)), 1);
  assert.deepEqual(repo.list(10).map((e) => e.alert.id), ['c', 'b']);
  assert.deepEqual(repo.list(10, true).map((e) => e.alert.id), ['c']);
  db.close();
});
