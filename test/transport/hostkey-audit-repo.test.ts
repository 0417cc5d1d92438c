/** The host-key audit repo on a real state file: idempotent tables, presented keys, audit order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostKeyAuditRepo, hostKeyAuditRepo } from '../../src/state/hostkey-audit-repo.js';
import { StateDb } from '../../src/store/state.js';

const key = (fp: string) => ({ keyType: 'ssh-ed25519', fingerprint: fp, blob: Buffer.from(`blob-${fp}`) });
const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

test('tables are created once and survive reopening; presented keys keep first_at while the key stays the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-audit-'));
  try {
    const path = join(dir, 'state.db');
    let state = StateDb.open(path);
    const repo = hostKeyAuditRepo(state.db);
    assert.equal(hostKeyAuditRepo(state.db), repo, 'one repo per connection');
    repo.recordPresented('sw1', key('SHA256:A'), 'does not match', at(1));
    repo.recordPresented('sw1', key('SHA256:A'), 'does not match', at(2));
    assert.deepEqual([repo.presented('sw1')?.firstAt, repo.presented('sw1')?.lastAt], [at(1).toISOString(), at(2).toISOString()]);
    repo.recordPresented('sw1', key('SHA256:B'), 'does not match', at(3));
    assert.equal(repo.presented('sw1')?.firstAt, at(3).toISOString(), 'another key starts over');
    assert.equal(repo.presented('sw1')?.publicKey, Buffer.from('blob-SHA256:B').toString('base64'));
    repo.record({ device: 'sw1', action: 'accept', actor: 'alice', at: at(4).toISOString(), oldFingerprint: 'SHA256:A', newFingerprint: 'SHA256:B', note: null });
    repo.record({ device: 'sw2', action: 'forget', actor: 'bob', at: at(5).toISOString(), oldFingerprint: null, newFingerprint: null, note: null });
    state.close();

    state = StateDb.open(path);
    const again = new HostKeyAuditRepo(state.db);
    assert.deepEqual(
      again.history().map((e) => `${e.device} ${e.action} ${e.actor}`),
      ['sw2 forget bob', 'sw1 accept alice'],
    );
    assert.deepEqual(again.history('sw1')[0], {
      device: 'sw1',
      action: 'accept',
      actor: 'alice',
      at: at(4).toISOString(),
      oldFingerprint: 'SHA256:A',
      newFingerprint: 'SHA256:B',
      note: null,
    });
    again.clearPresented('sw1');
    assert.equal(again.presented('sw1'), undefined);
    assert.throws(() => again.record({ device: 'x', action: 'steal' as never, actor: 'm', at: '', oldFingerprint: null, newFingerprint: null, note: null }), /CHECK/);
    state.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
