import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { SAFE_NAME } from '../../src/config/schema.js';
import { platformFor, safeName, startFleet, writeDevicesFile } from '../../src/sim/fleet.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { skipWithoutTranscripts, transcriptFiles, transcriptPath } from '../helpers/transcripts.js';
import { connect, exec } from './client.js';

test('a fleet of 200 generated devices starts, shares one host key and serves every device', async () => {
  const fleet = await startFleet({ generate: { lines: 200, seed: 5 }, count: 200 });
  try {
    assert.equal(fleet.devices.length, 200);
    assert.equal(new Set(fleet.devices.map((d) => d.port)).size, 200);
    assert.equal(new Set(fleet.devices.map((d) => d.name)).size, 200);
    assert.equal(fleet.devices[0]!.name, 'sw001');
    for (let i = 0; i < 200; i += 25) {
      await Promise.all(
        fleet.devices.slice(i, i + 25).map(async (d) => {
          const { client, hostKey } = await connect(d.port);
          assert.ok(hostKey.equals(fleet.hostKey.blob));
          const r = await exec(client, 'show running-config');
          assert.match(r.stdout, new RegExp(`^hostname ${d.name}$`, 'm'));
          client.end();
        }),
      );
    }
    assert.ok(fleet.devices.every((d) => d.stats.connections === 1 && d.stats.execs === 1));
  } finally {
    await fleet.close();
  }
  assert.ok(fleet.devices.every((d) => !d.listening));
});

test('basePort: device i listens on basePort + i', async () => {
  // Below the kernel's ephemeral range (32768+), where parallel tests' client sockets cannot take the ports.
  for (let attempt = 0; ; attempt++) {
    const base = 10000 + Math.floor(Math.random() * 22700);
    try {
      const fleet = await startFleet({ generate: { lines: 150 }, count: 3, basePort: base });
      try {
        assert.deepEqual(fleet.devices.map((d) => d.port), [base, base + 1, base + 2]);
      } finally {
        await fleet.close();
      }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 30) throw err;
    }
  }
});

test('a port in use fails the start and closes what was opened', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as { port: number }).port;
  try {
    await assert.rejects(startFleet({ generate: { lines: 150 }, count: 2, basePort: port - 1 }), /EADDRINUSE/);
  } finally {
    await new Promise((r) => busy.close(r));
  }
});

test('safe device names', () => {
  for (const raw of ['C9200L-24P-4G_17.09.04a', 'FortiGate-501E_vdomHAdown', '..weird name/with:stuff..', '', '-x-']) {
    const name = safeName(raw);
    assert.match(name, SAFE_NAME, raw);
    assert.ok(!name.includes('..') && !name.endsWith('.'), name);
  }
  assert.equal(safeName('a b/c'), 'a-b-c');
});

test('transcript fleet round-robin + devices file that driftwatch accepts', { skip: skipWithoutTranscripts }, async () => {
  const transcripts = [...transcriptFiles('ios', 'simulation.yaml'), ...transcriptFiles('aoscx', 'simulation.yaml').slice(0, 1)].map((f) =>
    loadTranscript(transcriptPath(f)),
  );
  const fleet = await startFleet({ transcripts, count: 5, username: 'netops', password: 'pw', enableSecret: 'en' });
  const dir = mkdtempSync(join(tmpdir(), 'dw-sim-'));
  try {
    assert.ok(fleet.devices[0]!.transcript === transcripts[0], 'parsed transcripts are shared, not copied');
    assert.ok(fleet.devices[transcripts.length]!.transcript === transcripts[0]);
    const file = join(dir, 'devices.yaml');
    writeDevicesFile(file, fleet, { store: './store', state: './state.db' });
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# /);
    const cfg = parseConfig(text, file, {});
    assert.equal(cfg.devices.length, 5);
    for (const [i, dev] of cfg.devices.entries()) {
      const sim = fleet.devices[i]!;
      assert.equal(dev.name, sim.name);
      assert.equal(dev.host, '127.0.0.1');
      assert.equal(dev.port, sim.port);
      assert.equal(dev.platform, sim.model === 'ios' ? 'cisco_ios' : 'aruba_aoscx');
      assert.equal(dev.group, 'sim');
      assert.deepEqual([dev.credentials.username, dev.credentials.password, dev.credentials.enable_password], ['netops', 'pw', 'en']);
    }
    assert.equal(platformFor('nosuchos'), 'nosuchos', 'models without a registered driver are written as they are');
    writeDevicesFile(file, fleet, { platform: 'cisco_ios' });
    assert.ok(parseConfig(readFileSync(file, 'utf8'), file, {}).devices.every((d) => d.platform === 'cisco_ios'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fleet.close();
  }
});
