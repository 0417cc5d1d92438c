/** `driftwatch events [device] [--json]` over a real state file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateDb } from '../../src/store/state.js';
import { EventsRepo } from '../../src/state/events-repo.js';
import { runCli } from '../helpers/cli.js';

test('events lists newest first, filters by device, prints JSON, rejects unknown devices', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-events-cli-'));
  try {
    const config = join(dir, 'devices.yaml');
    writeFileSync(config, ['state: ./state.db', 'credentials: { c: { username: u } }', 'defaults: { platform: ios, credentials: c, host: 127.0.0.1 }', 'devices: [{ name: r1 }, { name: r2 }]'].join('\n'));
    const state = StateDb.open(join(dir, 'state.db'));
    const repo = new EventsRepo(state.db);
    const base = { event: { kind: 'configured' as const, code: '%SYS-5-CONFIG_I', user: 'jdoe', source: '10.0.0.9', line: 'vty0' }, sender: '10.0.0.1', transport: 'udp' as const, raw: '<189>1: %SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)' };
    repo.record({ ...base, device: 'r1', receivedAt: '2026-11-25T07:40:00.000Z' });
    repo.record({ ...base, device: 'r2', receivedAt: '2026-11-25T07:41:00.000Z', event: { ...base.event, user: 'x\u001b[31mred' } });
    state.close();

    const all = await runCli(['events', '--config', config]);
    assert.equal(all.code, 0, all.stderr);
    const lines = all.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /r2 .*by xred from/);
    assert.doesNotMatch(all.stdout, /\u001b/, 'no terminal escapes from the state file');
    assert.match(lines[1]!, /2026-11-25T07:40:00.000Z\s+r1\s+%SYS-5-CONFIG_I\s+by jdoe from 10.0.0.9 on vty0/);

    const json = await runCli(['events', 'r1', '--json', '--config', config]);
    assert.equal(json.code, 0, json.stderr);
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].device, rows[0].user, rows[0].source, rows[0].reported_by, rows[0].transport], ['r1', 'jdoe', '10.0.0.9', 'syslog', 'udp']);
    assert.match(rows[0].raw, /CONFIG_I/);

    const unknown = await runCli(['events', 'nope', '--config', config]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown device/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
