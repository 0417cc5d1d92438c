/** Reload and inventory refresh really switch the running config; signals at start-up do not kill the daemon. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { Daemon } from '../../src/daemon/daemon.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { BIN } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

function addDevice(file: string, name: string, port: number): void {
  const doc = parse(readFileSync(file, 'utf8')) as { devices: Array<Record<string, unknown>> };
  doc.devices.push({ name, port });
  writeFileSync(file, stringify(doc));
}

test('reload() switches to the new config; a changed inventory file is picked up without a SIGHUP', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'r1', lines: 40 }), name: 'r1' }).start();
  const ws = makeWorkspace([{ name: 'r1', sim }], { schedule: '0 0 1 1 *', run_at_start: false });
  Object.assign(process.env, TEST_ENV);
  const daemon = await Daemon.start({ configFile: ws.config, log: createLogger('silent'), inventoryRefreshMs: 20, retryIntervalMs: 3600_000 });
  try {
    assert.deepEqual(daemon.config.devices.map((d) => d.name), ['r1']);
    addDevice(ws.config, 'r2', sim.port);
    assert.equal(daemon.reload(), true);
    assert.deepEqual(daemon.config.devices.map((d) => d.name), ['r1', 'r2'], 'reload must replace the running config');

    addDevice(ws.config, 'r3', sim.port);
    for (let i = 0; i < 200 && daemon.config.devices.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(daemon.config.devices.map((d) => d.name), ['r1', 'r2', 'r3'], 'inventory refreshed by the file watch');
  } finally {
    await daemon.stop();
    await sim.close();
    ws.cleanup();
  }
});

test('SIGHUP and SIGTERM in the first instant after start neither kill nor hang the daemon', async () => {
  const ws = makeWorkspace([], { schedule: '0 0 1 1 *', run_at_start: false });
  const child = spawn(process.execPath, [BIN, 'daemon', '--config', ws.config], { env: { ...process.env, ...TEST_ENV, DRIFTWATCH_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stderr.on('data', (d) => (logs += d));
  child.stdout.on('data', (d) => (logs += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    // Wait until the process catches SIGHUP (Linux: SigCgt in /proc), then check that it did so
    // before start-up finished: that is "handled from the first instant".
    const catches = () => {
      try {
        const m = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return !!m && (BigInt('0x' + m[1]) & 1n) === 1n; // bit 0 = signal 1 = SIGHUP
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 6000 && !catches(); i++) await new Promise((r) => setTimeout(r, 5));
    assert.doesNotMatch(logs, /daemon started/, 'SIGHUP must be handled before start-up completes');
    child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    const r = await exited;
    assert.equal(r.signal, null, `killed by ${r.signal}; log:\n${logs}`);
    assert.equal(r.code, 0, logs);
  } finally {
    child.kill('SIGKILL');
    ws.cleanup();
  }
});
