/** The daemon as systemd runs it: a child process, SIGHUP with a broken config, SIGTERM. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { BIN } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';
import { scheduleSlots } from '../../src/daemon/scheduler.js';
import { parseConfig } from '../../src/config/load.js';

function waitFor(read: () => string, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (pattern.test(read())) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${pattern}; log:\n${read()}`));
      }
    }, 50);
  });
}

test('SIGHUP with a broken config keeps the old one running; SIGTERM exits 0', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'd1', lines: 150 }), name: 'd1' }).start();
  const ws = makeWorkspace([{ name: 'd1', sim }], { schedule: '0 0 1 1 *' });
  const child = spawn(process.execPath, [BIN, 'daemon', '--config', ws.config], { env: { ...process.env, ...TEST_ENV, DRIFTWATCH_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stderr.on('data', (d) => (logs += d));
  child.stdout.on('data', (d) => (logs += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => logs, /cycle done/, 60_000); // run_at_start
    const good = readFileSync(ws.config, 'utf8');
    writeFileSync(ws.config, good + '\nbogus_key: [\n');
    child.kill('SIGHUP');
    await waitFor(() => logs, /new config is invalid; keeping the running config/, 10_000);
    assert.equal(child.exitCode, null, 'still running');
    writeFileSync(ws.config, good.replace('concurrency: 20', 'concurrency: 7'));
    child.kill('SIGHUP');
    await waitFor(() => logs, /config reloaded/, 10_000);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(logs, /daemon stopped/);
    assert.doesNotMatch(logs, /admin"|password/i, 'no credential in the logs');
  } finally {
    child.kill('SIGKILL');
    await sim.close();
    ws.cleanup();
  }
});

test('SIGTERM during a hung pull aborts it within the drain bound and exits 0', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'd2', lines: 150 }), name: 'd2' }).start();
  sim.hangAfterBytes('show running-config', 100);
  const ws = makeWorkspace([{ name: 'd2', sim }], { schedule: '0 0 1 1 *', timeouts: { connect: 5, auth: 5, command: 60, pull: 120 } });
  const child = spawn(process.execPath, [BIN, 'daemon', '--drain', '1', '--config', ws.config], { env: { ...process.env, ...TEST_ENV, DRIFTWATCH_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stderr.on('data', (d) => (logs += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => String(sim.stats.commands), /^[1-9]/, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    // The pull would hang for its 120 s budget: exiting at all (within the test's timeout) means the drain bound aborted it.
    assert.equal(await exited, 0);
    assert.match(logs, /aborting them/);
  } finally {
    child.kill('SIGKILL');
    await sim.close();
    ws.cleanup();
  }
});

test('group schedules split the inventory; every device is scheduled exactly once', () => {
  const cfg = parseConfig(
    [
      'schedule: "*/15 * * * *"',
      'group_schedules: { core: "*/5 * * * *" }',
      'credentials: { c: { username: u } }',
      'defaults: { platform: ios, credentials: c, host: 127.0.0.1 }',
      'devices: [{ name: a, group: core }, { name: b, group: edge }, { name: c }]',
    ].join('\n'),
    'inline.yaml',
  );
  const slots = scheduleSlots(cfg);
  assert.deepEqual(
    slots.map((s) => [s.expression, s.devices.map((d) => d.name)]),
    [
      ['*/15 * * * *', ['b', 'c']],
      ['*/5 * * * *', ['a']],
    ],
  );
});
