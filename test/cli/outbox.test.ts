import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outboxOf } from '../../src/state/outbox-repo.js';
import { StateDb } from '../../src/store/state.js';
import { runCli } from '../helpers/cli.js';
import { makeAlert } from '../notify/fixtures.js';

test('driftwatch outbox lists undelivered alerts with attempts and last error; outbox retry makes them due', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-cli-outbox-'));
  try {
    const config = join(dir, 'devices.yaml');
    writeFileSync(config, 'store: ./store\nstate: ./state.db\ndevices: []\n');
    const T0 = new Date('2026-12-01T12:00:00Z');
    const state = StateDb.open(join(dir, 'state.db'));
    const repo = outboxOf(state);
    const failed = repo.enqueue('ops-mail', makeAlert({ id: 'a1', device: { name: 'core-sw1', host: 'h', platform: 'cisco_ios', tags: [] } }), T0)!;
    repo.markFailed(failed, T0, 'email via smtp:25 failed: ECONNREFUSED');
    const gaveUp = repo.enqueue('hook', makeAlert({ id: 'a2', kind: 'pull-failing', device: { name: 'evil\u001b[2J\u0007sw', host: 'h', platform: 'cisco_ios', tags: [] } }), T0)!;
    repo.markFailed(gaveUp, T0, 'webhook failed\r\nInjected: line', null);
    const delivered = repo.enqueue('hook', makeAlert({ id: 'a3' }), T0)!;
    repo.markDelivered(delivered, T0);
    state.close();

    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, 'store: ./store\nstate: ./empty.db\ndevices: []\n');
    const none = await runCli(['--config', empty, 'outbox']);
    assert.equal(none.code, 0, none.stderr);
    assert.equal(none.stdout, 'outbox empty: every alert was delivered\n');

    const table = await runCli(['--config', config, 'outbox']);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4, table.stdout); // header, two rows, summary
    assert.match(lines[1]!, /hook .*evilsw .*pull-failing .* 1 {2}never \(gave up; `outbox retry` to resend\) {2}webhook failed Injected: line$/);
    assert.match(lines[2]!, /ops-mail .*core-sw1 .*drift-new .* 1 {2}2026-12-01T12:00:30\.000Z .*ECONNREFUSED$/);
    assert.equal(lines[3], '2 undelivered alerts');
    assert.doesNotMatch(table.stdout, /[\u0000-\u0009\u000b-\u001f]/, 'no terminal control from stored text');

    const json = await runCli(['--config', config, 'outbox', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => [r.alert_id, r.channel, r.attempts, r.next_attempt_at]), [['a2', 'hook', 1, null], ['a1', 'ops-mail', 1, '2026-12-01T12:00:30.000Z']]);
    assert.equal(rows[1].last_error, 'email via smtp:25 failed: ECONNREFUSED');

    const retry = await runCli(['--config', config, 'outbox', 'retry']);
    assert.equal(retry.code, 0, retry.stderr);
    assert.equal(retry.stdout, '2 undelivered alerts due now\n');
    const after = StateDb.open(join(dir, 'state.db'));
    assert.deepEqual(outboxOf(after).due(new Date(), 10).map((i) => i.alert.id).sort(), ['a1', 'a2']);
    after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
