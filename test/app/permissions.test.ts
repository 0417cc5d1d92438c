/** Private files whatever the umask, and a refusal to start on state or store others can read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

const mode = (p: string) => statSync(p).mode & 0o777;

test('store and state are created private under umask 000, and world-readable ones are refused (exit 2) unless allowed', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'p1', lines: 40 }), name: 'p1' }).start();
  const ws = makeWorkspace([{ name: 'p1', sim }]);
  const old = process.umask(0);
  try {
    const first = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(first.code, 0, first.stderr);
  } finally {
    process.umask(old);
  }
  try {
    assert.equal(mode(ws.state), 0o600);
    assert.equal(mode(ws.store), 0o700);
    assert.equal(mode(join(ws.store, '.git')), 0o700);
    assert.equal(mode(join(ws.store, 'p1.cfg')) & 0o077, 0, 'device file not readable by others');

    chmodSync(ws.state, 0o644);
    const commandsBefore = sim.stats.commands;
    const refused = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /state\.db is 644 .*allow_insecure_permissions/);
    assert.equal(sim.stats.commands, commandsBefore, 'refused before logging in to any device');
    appendFileSync(ws.config, 'allow_insecure_permissions: true\n');
    const allowed = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(allowed.code, 0, allowed.stderr);
  } finally {
    await sim.close();
    ws.cleanup();
  }
});
