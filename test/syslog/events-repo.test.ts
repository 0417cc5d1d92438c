/** Events in the real state file: recorded, listed, counted per window, bounded, announcers kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateDb } from '../../src/store/state.js';
import { EventsRepo } from '../../src/state/events-repo.js';
import type { ReceivedChange } from '../../src/syslog/claim.js';

const change = (device: string, at: string, user = 'jdoe'): ReceivedChange => ({
  device,
  event: { kind: 'configured', code: '%SYS-5-CONFIG_I', user, source: '10.0.0.9', line: 'vty0' },
  receivedAt: at,
  sender: '10.0.0.1',
  transport: 'udp',
  raw: '<189>1: %SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)',
});

test('record, list newest first, count in a window, reopen (tables created idempotently)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-events-'));
  try {
    const state = StateDb.open(join(dir, 'state.db'));
    const repo = new EventsRepo(state.db);
    repo.record(change('r1', '2026-11-25T07:40:00.000Z', 'alice'));
    repo.record(change('r1', '2026-11-25T07:45:00.000Z', 'bob'));
    repo.record(change('r2', '2026-11-25T07:46:00.000Z'));
    assert.deepEqual(repo.list({ device: 'r1' }).map((e) => e.user), ['bob', 'alice']);
    assert.equal(repo.list().length, 3);
    const row = repo.list({ device: 'r2' })[0]!;
    assert.deepEqual([row.kind, row.code, row.source, row.line, row.sender, row.transport], ['configured', '%SYS-5-CONFIG_I', '10.0.0.9', 'vty0', '10.0.0.1', 'udp']);
    assert.equal(repo.countBetween('r1', new Date('2026-11-25T07:41:00Z'), new Date('2026-11-25T08:00:00Z')), 1);
    assert.ok(repo.hasAnnounced('r1'));
    assert.ok(!repo.hasAnnounced('r3'));
    state.close();
    const again = StateDb.open(join(dir, 'state.db'));
    const repo2 = new EventsRepo(again.db);
    assert.equal(repo2.list().length, 3, 'kept across restarts');
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('retention: a per-device cap and an age limit; a device stays known as an announcer', () => {
  const state = StateDb.open(':memory:');
  const repo = new EventsRepo(state.db, 30);
  for (let i = 0; i < 200; i++) repo.record(change('r1', new Date(Date.UTC(2026, 10, 25, 7, 0, i)).toISOString()));
  repo.record(change('old', '2026-01-01T00:00:00.000Z'));
  assert.ok(repo.list({ device: 'r1', limit: 1000 }).length <= 30 + 50, 'trimmed as it goes');
  repo.prune(new Date('2026-06-01T00:00:00Z'));
  assert.equal(repo.list({ device: 'r1', limit: 1000 }).length, 30);
  assert.equal(repo.list({ device: 'r1', limit: 1 })[0]!.receivedAt, '2026-11-25T07:03:19.000Z', 'the newest are kept');
  assert.equal(repo.list({ device: 'old' }).length, 0);
  assert.ok(repo.hasAnnounced('old'), 'pruning events does not forget the device announces');
  state.close();
});
