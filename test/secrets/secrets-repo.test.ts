/** SecretsRepo on a real SQLite file: idempotent tables, rekey markers, per-device references. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsRepo } from '../../src/state/secrets-repo.js';
import { StateDb } from '../../src/store/state.js';

test('rekey markers and references survive reopening; creating the tables twice is harmless', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-repo-'));
  try {
    const path = join(dir, 'state.db');
    let state = StateDb.open(path);
    const repo = new SecretsRepo(state.db);
    assert.equal(repo.latestRekey(), undefined);
    repo.recordRekey(new Date('2026-01-01T00:00:00Z'));
    repo.recordRekey(new Date('2026-02-01T00:00:00Z'));
    repo.setReference('r1', { rekeyAt: new Date('2026-01-01T00:00:00Z'), commit: 'a'.repeat(40) });
    repo.setReference('r1', { rekeyAt: new Date('2026-02-01T00:00:00Z'), commit: 'b'.repeat(40) });
    state.close();
    state = StateDb.open(path);
    const again = new SecretsRepo(state.db);
    assert.equal(again.latestRekey()?.toISOString(), '2026-02-01T00:00:00.000Z');
    assert.deepEqual(again.reference('r1'), { rekeyAt: new Date('2026-02-01T00:00:00Z'), commit: 'b'.repeat(40) });
    assert.equal(again.reference('r2'), undefined);
    state.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
