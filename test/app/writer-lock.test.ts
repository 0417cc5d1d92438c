/** One writer per store and state: a second pull fails at once naming the holder; a dead holder's lock is taken over. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { withWriterLock, LockedError } from '../../src/app/writer-lock.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('a second pull while another writer holds the lock exits 1 and names the holder', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'l1', lines: 40 }), name: 'l1' }).start();
  const ws = makeWorkspace([{ name: 'l1', sim }]);
  try {
    await withWriterLock(ws.state, { waitMs: 0, command: 'daemon' }, async () => {
      const second = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
      assert.equal(second.code, 1, second.stdout + second.stderr);
      assert.match(second.stderr, new RegExp(`driftwatch daemon \\(pid ${process.pid} on ${hostname()}`));
      assert.equal(sim.stats.commands, 0, 'the second writer never logged in');
    });
    assert.equal(existsSync(`${ws.state}.lock`), false, 'released');
    const after = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(after.code, 0, after.stderr);
  } finally {
    await sim.close();
    ws.cleanup();
  }
});

test('a lock left by a process that died is stale and taken over; one held by a live process is not', async () => {
  const ws = makeWorkspace([]);
  try {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    writeFileSync(`${ws.state}.lock`, JSON.stringify({ pid: dead.pid, host: hostname(), command: 'pull', since: 'then' }));
    assert.equal(await withWriterLock(ws.state, { waitMs: 0, command: 'pull' }, async () => 'ran'), 'ran');

    writeFileSync(`${ws.state}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), command: 'daemon', since: 'now' }));
    await assert.rejects(
      withWriterLock(ws.state, { waitMs: 0, command: 'pull' }, async () => 'ran'),
      (err: Error) => err instanceof LockedError && err.owner?.pid === process.ppid,
    );
  } finally {
    ws.cleanup();
  }
});

test('writers of one process share the lock (a syslog pull beside a scheduled cycle)', async () => {
  const ws = makeWorkspace([]);
  try {
    const order: string[] = [];
    await withWriterLock(ws.state, { waitMs: 0, command: 'daemon' }, async () => {
      order.push('outer');
      await withWriterLock(ws.state, { waitMs: 0, command: 'daemon' }, async () => order.push('inner'));
      assert.equal(existsSync(`${ws.state}.lock`), true, 'still held by the outer writer');
    });
    assert.deepEqual(order, ['outer', 'inner']);
    assert.equal(existsSync(`${ws.state}.lock`), false);
  } finally {
    ws.cleanup();
  }
});
