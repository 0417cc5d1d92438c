import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HostKeyConflictError, StateDb, type PullRecord } from '../../src/store/state.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/store/migrations.js';
import type { Alert } from '../../src/notify/types.js';
import type { OutboxRepo } from '../../src/notify/dispatch.js';
import { cleanupTempDirs, tempDir } from './git-helpers.js';

after(cleanupTempDirs);

const dbPath = () => join(tempDir('dw-state-'), 'sub', 'state.db');
const T0 = new Date('2024-03-01T12:00:00.000Z');
const at = (sec: number) => new Date(T0.getTime() + sec * 1000);

function alert(id: string): Alert {
  return { id, kind: 'drift-new', severity: 'critical', device: { name: 'sw1', host: '10.0.0.1', platform: 'cisco_ios', tags: [] }, summary: `alert ${id}`, detectedAt: T0.toISOString() };
}

/** Open the file directly, the way a person with sqlite would look at it. */
function raw(path: string): Database.Database {
  return new Database(path, { readonly: true });
}

describe('schema and migrations', () => {
  test('a fresh file: created with its folder, WAL, latest user_version, all tables', () => {
    const path = dbPath();
    const s = StateDb.open(path);
    s.close();
    const db = raw(path);
    try {
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);
      assert.deepEqual(tables, ['baselines', 'devices', 'drift', 'facts', 'host_keys', 'meta', 'outbox', 'pulls']);
    } finally {
      db.close();
    }
    const s2 = StateDb.open(path);
    assert.equal(s2.db.pragma('synchronous', { simple: true }), 1, 'NORMAL');
    assert.ok((s2.db.pragma('busy_timeout', { simple: true }) as number) >= 5000);
    s2.close();
  });

  test('an up-to-date file reopens with its data', () => {
    const path = dbPath();
    const s = StateDb.open(path);
    s.upsertDevices([{ name: 'sw1', platform: 'cisco_ios', host: 'h', port: 22, path: 'sw1.cfg' }]);
    s.close();
    const again = StateDb.open(path);
    assert.deepEqual(again.deviceStatus().map((r) => r.name), ['sw1']);
    again.close();
  });

  test('a file at an older user_version is migrated in place, keeping its data', () => {
    const path = dbPath();
    StateDb.open(path).close(); // create folder
    const old = new Database(path + '.v1');
    migrate(old, 1);
    assert.equal(old.pragma('user_version', { simple: true }), 1);
    old.prepare(`INSERT INTO devices (name, platform, host, path) VALUES ('old1', 'cisco_ios', 'h', 'old1.cfg')`).run();
    old.prepare(`INSERT INTO host_keys VALUES ('old1', 'ssh-ed25519', 'SHA256:abc', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')`).run();
    assert.throws(() => old.prepare('SELECT * FROM outbox').all(), /no such table/);
    old.close();

    const s = StateDb.open(path + '.v1');
    assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.deepEqual(s.deviceStatus().map((r) => [r.name, r.platform]), [['old1', 'cisco_ios']]);
    assert.equal(s.getHostKey('old1')?.fingerprint, 'SHA256:abc');
    assert.ok((s.enqueueAlert('mail', alert('a1'), T0) ?? 0) > 0);
    s.close();
  });

  test('each migration step is applied once, in order, in its own transaction', () => {
    const db = new Database(':memory:');
    assert.equal(migrate(db), MIGRATIONS.length);
    assert.equal(migrate(db), MIGRATIONS.length, 'idempotent');
    db.close();
  });

  test('a file from a newer driftwatch is refused, not damaged', () => {
    const path = dbPath();
    StateDb.open(path).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => StateDb.open(path), /newer than this driftwatch/);
    const check = raw(path);
    assert.equal(check.pragma('user_version', { simple: true }), 99);
    check.close();
  });
});

describe('devices and pulls', () => {
  test('recordPulls: one transaction for the batch, last_* columns, failure counter, facts', () => {
    const s = StateDb.open(dbPath());
    s.upsertDevices([
      { name: 'sw1', platform: 'cisco_ios', group: 'core', host: '10.0.0.1', port: 22, path: 'core/sw1.cfg' },
      { name: 'sw2', platform: 'juniper_junos', host: '10.0.0.2', port: 830, path: 'sw2.cfg' },
    ]);
    const rec = (device: string, sec: number, result: PullRecord['result'], extra: Partial<PullRecord> = {}): PullRecord => ({ device, startedAt: at(sec), durationMs: 1234.4, result, ...extra });
    s.recordPulls([
      rec('sw1', 0, 'changed', { commit: 'c1', facts: { model: 'C9300', os_version: '17.9' } }),
      rec('sw2', 0, 'failed', { errorKind: 'timeout', error: 'connect timed out after 10 s' }),
    ]);
    s.recordPulls([rec('sw1', 60, 'unchanged'), rec('sw2', 60, 'failed', { errorKind: 'auth', error: 'auth refused' })]);
    const [sw1, sw2] = s.deviceStatus();
    assert.deepEqual(
      { ...sw1, facts_updated_at: undefined },
      {
        name: 'sw1',
        platform: 'cisco_ios',
        group: 'core',
        host: '10.0.0.1',
        port: 22,
        path: 'core/sw1.cfg',
        last_pull_at: at(60).toISOString(),
        last_result: 'unchanged',
        last_error_kind: null,
        last_error: null,
        last_commit: 'c1',
        last_changed_at: at(0).toISOString(),
        consecutive_failures: 0,
        facts: { model: 'C9300', os_version: '17.9' },
        facts_updated_at: undefined,
      },
    );
    assert.equal(sw2!.last_result, 'failed');
    assert.equal(sw2!.last_error_kind, 'auth');
    assert.equal(sw2!.consecutive_failures, 2);
    assert.equal(sw2!.last_commit, null);
    assert.deepEqual(sw2!.facts, {});
    assert.equal(s.consecutiveFailures('sw2'), 2);
    // Recovery resets the counter.
    s.recordPulls([rec('sw2', 120, 'changed', { commit: 'c2' })]);
    assert.equal(s.consecutiveFailures('sw2'), 0);
    assert.deepEqual(
      s.recentPulls('sw2').map((p) => [p.result, p.errorKind, p.durationMs, p.commit]),
      [
        ['changed', null, 1234, 'c2'],
        ['failed', 'auth', 1234, null],
        ['failed', 'timeout', 1234, null],
      ],
    );
    // A device recorded before being upserted still gets a row.
    s.recordPulls([rec('ghost', 0, 'failed', { errorKind: 'unreachable', error: 'no route' })]);
    assert.equal(s.deviceStatus().find((r) => r.name === 'ghost')?.consecutive_failures, 1);
    // Pruning.
    assert.equal(s.prunePulls(at(61)), 5);
    assert.equal(s.recentPulls('sw2').length, 1);
    s.close();
  });

  test('recordPulls is all or nothing', () => {
    const s = StateDb.open(dbPath());
    const bad = { device: 'x', startedAt: T0, durationMs: 1, result: 'bogus' } as unknown as PullRecord;
    assert.throws(() => s.recordPulls([{ device: 'a', startedAt: T0, durationMs: 1, result: 'unchanged' }, bad]));
    assert.equal(s.db.prepare('SELECT count(*) AS n FROM pulls').get() && (s.db.prepare('SELECT count(*) AS n FROM pulls').get() as { n: number }).n, 0);
    assert.deepEqual(s.deviceStatus(), []);
    s.close();
  });

  test('10,000 pulls in one call (single transaction; timings printed, asserted by nobody)', () => {
    const s = StateDb.open(dbPath());
    const devs = Array.from({ length: 10_000 }, (_, i) => ({ name: `d${i}`, platform: 'cisco_ios', host: `10.0.${i >> 8}.${i & 255}`, port: 22, path: `d${i}.cfg` }));
    let t = performance.now();
    s.upsertDevices(devs);
    const upsertMs = performance.now() - t;
    const rows: PullRecord[] = devs.map((d, i) => ({
      device: d.name,
      startedAt: T0,
      durationMs: 900,
      result: i % 100 === 0 ? 'changed' : i % 50 === 1 ? 'failed' : 'unchanged',
      commit: i % 100 === 0 ? 'abc' : undefined,
      errorKind: i % 50 === 1 ? 'timeout' : undefined,
      error: i % 50 === 1 ? 'timed out' : undefined,
      facts: { model: 'C9300', serial: `S${i}` },
    }));
    t = performance.now();
    s.recordPulls(rows);
    const recordMs = performance.now() - t;
    t = performance.now();
    const status = s.deviceStatus();
    const statusMs = performance.now() - t;
    assert.equal(status.length, 10_000);
    assert.equal(status.filter((r) => r.last_result === 'failed').length, 200);
    process.stdout.write(`# state: upsertDevices(10k) ${upsertMs.toFixed(0)} ms, recordPulls(10k) ${recordMs.toFixed(0)} ms, deviceStatus(10k) ${statusMs.toFixed(0)} ms\n`);
    s.close();
  });

  test('never stores credentials: extra fields are dropped, nothing secret reaches the file', () => {
    const path = dbPath();
    const s = StateDb.open(path);
    const dev = { name: 'sw1', platform: 'cisco_ios', host: 'h', port: 22, path: 'sw1.cfg', password: 'hunter2-SECRET', enable_password: 'en-SECRET' };
    s.upsertDevices([dev]);
    s.recordPulls([{ device: 'sw1', startedAt: T0, durationMs: 5, result: 'changed', commit: 'c', facts: { model: 'x' } }]);
    s.close();
    const bytes = Buffer.concat(readdirSync(join(path, '..')).map((f) => readFileSync(join(path, '..', f))));
    assert.equal(bytes.includes('SECRET'), false);
  });
});

describe('host keys', () => {
  test('pin on first use, refresh last_seen on match, refuse a different key, forget', () => {
    const s = StateDb.open(dbPath());
    assert.equal(s.getHostKey('sw1'), undefined);
    s.pinHostKey('sw1', 'ssh-ed25519', 'SHA256:AAA', at(0));
    s.pinHostKey('sw1', 'ssh-ed25519', 'SHA256:AAA', at(60));
    assert.deepEqual(s.getHostKey('sw1'), { keyType: 'ssh-ed25519', fingerprint: 'SHA256:AAA', firstSeen: at(0).toISOString(), lastSeen: at(60).toISOString() });
    assert.throws(() => s.pinHostKey('sw1', 'ssh-rsa', 'SHA256:BBB', at(120)), HostKeyConflictError);
    assert.throws(() => s.pinHostKey('sw1', 'ssh-ed25519', 'SHA256:BBB', at(120)), /pinned to ssh-ed25519 SHA256:AAA/);
    assert.equal(s.getHostKey('sw1')?.fingerprint, 'SHA256:AAA', 'mismatch leaves the pin alone');
    assert.equal(s.getHostKey('sw1')?.lastSeen, at(60).toISOString());
    s.forgetHostKey('sw1');
    assert.equal(s.getHostKey('sw1'), undefined);
    s.pinHostKey('sw1', 'ssh-rsa', 'SHA256:BBB', at(180));
    assert.equal(s.getHostKey('sw1')?.firstSeen, at(180).toISOString());
    s.close();
  });
});

describe('baselines and drift', () => {
  test('baseline get/set', () => {
    const s = StateDb.open(dbPath());
    assert.equal(s.getBaseline('sw1'), undefined);
    s.setBaseline({ device: 'sw1', commit: 'c1', approvedAt: at(0) });
    s.setBaseline({ device: 'sw1', commit: 'c2', approvedAt: at(5), approvedBy: 'bob', message: 'CHG-1' });
    assert.deepEqual(s.getBaseline('sw1'), { device: 'sw1', commit: 'c2', approvedAt: at(5).toISOString(), approvedBy: 'bob', message: 'CHG-1' });
    assert.equal(s.listBaselines().length, 1);
    s.setBaselines([
      { device: 'sw2', commit: 'c3', approvedAt: at(9), message: 'first snapshot' },
      { device: 'sw3', commit: 'c4', approvedAt: at(9) },
    ]);
    assert.deepEqual(s.listBaselines().map((b) => [b.device, b.commit]), [['sw1', 'c2'], ['sw2', 'c3'], ['sw3', 'c4']]);
    s.close();
  });

  test('drift lifecycle: one open per device, update, resolve, approve', () => {
    const s = StateDb.open(dbPath());
    const id = s.openDrift({ device: 'sw1', severity: 'critical', baselineCommit: 'b1', currentCommit: 'c1', added: 3, removed: 1, diffHash: 'h1' }, at(0));
    assert.throws(() => s.openDrift({ device: 'sw1', severity: 'warning', added: 1, removed: 0, diffHash: 'h2' }, at(1)), /UNIQUE/);
    s.updateDrift(id, { currentCommit: 'c2', added: 5, diffHash: 'h2' }, at(60));
    const open = s.getOpenDrift('sw1')!;
    assert.deepEqual(
      [open.id, open.status, open.severity, open.firstSeen, open.lastSeen, open.baselineCommit, open.currentCommit, open.added, open.removed, open.diffHash],
      [id, 'open', 'critical', at(0).toISOString(), at(60).toISOString(), 'b1', 'c2', 5, 1, 'h2'],
    );
    const id2 = s.openDrift({ device: 'sw2', severity: 'warning', added: 1, removed: 0, diffHash: 'x' }, at(10));
    assert.deepEqual(s.listOpenDrift().map((d) => d.id), [id, id2]);
    s.resolveDrift(id, at(120));
    assert.equal(s.getOpenDrift('sw1'), undefined);
    assert.equal(s.getDrift(id)?.status, 'resolved');
    assert.equal(s.getDrift(id)?.closedAt, at(120).toISOString());
    // After resolving, a new drift may open for the same device.
    const id3 = s.openDrift({ device: 'sw1', severity: 'info', added: 0, removed: 2, diffHash: 'h3' }, at(200));
    assert.deepEqual(s.approveDrift('sw1', at(300)), [id3]);
    assert.equal(s.getDrift(id3)?.status, 'approved');
    assert.deepEqual(s.approveDrift('sw1', at(301)), []);
    assert.deepEqual(s.listOpenDrift().map((d) => d.device), ['sw2']);
    assert.deepEqual(s.listDrift('sw1').map((d) => d.status), ['approved', 'resolved']);
    s.close();
  });
});

// The outbox has its own repository and tests: test/state/outbox-repo.test.ts.
