/** A lost fingerprint key is one clear error; `secrets rekey` writes a new one (0600) and records the rekey. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_MISSING_MESSAGE } from '../../src/secrets/key-file.js';
import { secretsWarnings } from '../../src/secrets/config-warnings.js';
import { secretsRepo } from '../../src/state/secrets-repo.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { StateDb } from '../../src/store/state.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

let sim: SimDevice;
let ws: Workspace;
const keyFile = () => join(ws.dir, 'fingerprint.key');

before(async () => {
  sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'r1', lines: 120 }), name: 'r1' }).start();
  ws = makeWorkspace([{ name: 'r1', sim }]);
});

after(async () => {
  await sim.close();
  ws.cleanup();
});

test('first pull creates the key beside the state file; a lost key then stops pulls with the rekey hint', async () => {
  const first = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.equal(statSync(keyFile()).mode & 0o777, 0o600);
  rmSync(keyFile());
  const commands = sim.stats.commands;
  const second = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
  // A clear error at start (exit 2), before any device is contacted: not a fleet of failed pulls.
  assert.equal(second.code, 2);
  assert.equal(sim.stats.commands, commands, 'no device contacted');
  assert.ok((second.stdout + second.stderr).includes(KEY_MISSING_MESSAGE), second.stdout + second.stderr);
  assert.throws(() => statSync(keyFile()), 'no new key behind the operator\'s back');
});

test('secrets rekey writes a new key and a rekey marker; replacing an existing key needs --force', async () => {
  const r = await runCli(['secrets', 'rekey', '--config', ws.config]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /new fingerprint key written to .*fingerprint\.key \(mode 0600\)/);
  assert.equal(statSync(keyFile()).mode & 0o777, 0o600);
  const again = await runCli(['secrets', 'rekey', '--config', ws.config]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /add --force/);
  const state = StateDb.open(ws.state);
  try {
    assert.ok(secretsRepo(state.db).latestRekey() instanceof Date);
  } finally {
    state.close();
  }
});

test('validate warnings for the weaker settings', () => {
  assert.deepEqual(secretsWarnings({ mask_secrets: 'fingerprint' }), []);
  assert.match(secretsWarnings({ mask_secrets: false })[0]!, /clear text/);
  assert.match(secretsWarnings({ mask_secrets: 'constant' })[0]!, /not drift/);
});
