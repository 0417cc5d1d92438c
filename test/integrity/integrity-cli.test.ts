/** `driftwatch integrity` and `validate` as a user runs them (built CLI, simulator over SSH). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashCommand } from '../../src/compliance/integrity/hash-output.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { imageHashAnswer } from '../../src/sim/hash-answers.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

const sha512 = (s: string) => createHash('sha512').update(s).digest('hex');
const IMAGE = 'flash:packages.conf';
const HASH = hashCommand('cisco_ios', IMAGE)!;

test('integrity: exit 0 on a match, 3 on a mismatch; --json one object per device; status shows the handshake', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'ic1', lines: 120 }), name: 'ic1' }).start();
  sim.setAnswer(HASH, imageHashAnswer('cisco_ios', HASH, IMAGE, sha512('vendor'), 'ic1#'));
  const ws = makeWorkspace([{ name: 'ic1', sim }], { integrity: { schedule: '0 3 * * 0', known_good: 'known-good.yaml' } });
  writeFileSync(join(ws.dir, 'known-good.yaml'), `images:\n  - image: packages.conf\n    sha512: ${sha512('vendor')}\n`);
  try {
    assert.equal((await runCli(['validate', '--config', ws.config], { env: TEST_ENV })).code, 0);
    assert.equal((await runCli(['pull', '--config', ws.config], { env: TEST_ENV })).code, 0);
    const ok = await runCli(['integrity', '--json', '--config', ws.config], { env: TEST_ENV });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(ok.stdout.trim().split('\n').map((l) => JSON.parse(l).status), ['match']);

    sim.setAnswer(HASH, imageHashAnswer('cisco_ios', HASH, IMAGE, sha512('implant'), 'ic1#'));
    const bad = await runCli(['integrity', 'ic1', '--config', ws.config], { env: TEST_ENV });
    assert.equal(bad.code, 3, bad.stderr);
    assert.match(bad.stdout, /^ic1 +MISMATCH +packages\.conf: expected [0-9a-f]{16}… got [0-9a-f]{16}…$/m);
    assert.match(bad.stdout, /1 of 1 devices checked, 1 alert\(s\) queued/);

    const status = await runCli(['status', '--json', '--config', ws.config], { env: TEST_ENV });
    const row = JSON.parse(status.stdout.trim().split('\n')[0]!);
    assert.equal(typeof row.handshake?.kex, 'string');
    assert.ok(Array.isArray(row.handshake?.offered?.kex));

    assert.equal((await runCli(['integrity', 'nope', '--config', ws.config], { env: TEST_ENV })).code, 2, 'an unknown device is a usage error');
  } finally {
    await sim.close();
    ws.cleanup();
  }
});

test('validate: a bad integrity cron and a known_good file that does not parse are problems (exit 2, file:line)', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'ic2', lines: 60 }), name: 'ic2' }).start();
  const bad = makeWorkspace([{ name: 'ic2', sim }], { integrity: { schedule: 'every sunday', known_good: 'kg.yaml' } });
  const badFile = makeWorkspace([{ name: 'ic2', sim }], { integrity: { schedule: '0 3 * * 0', known_good: 'kg.yaml' }, software: { versions_file: 'missing.yaml' } });
  writeFileSync(join(badFile.dir, 'kg.yaml'), 'images:\n  - image: a.bin\n    sha512: abc\n');
  try {
    const cron = await runCli(['validate', '--config', bad.config], { env: TEST_ENV });
    assert.equal(cron.code, 2);
    assert.match(cron.stderr, /integrity\.schedule: invalid cron expression "every sunday"/);
    const file = await runCli(['validate', '--config', badFile.config], { env: TEST_ENV });
    assert.equal(file.code, 2);
    assert.match(file.stderr, /kg\.yaml:3: images\.0\.sha512: 128 hex digits/);
    assert.match(file.stderr, /missing\.yaml: software\.versions_file: cannot read \(ENOENT\)/);
  } finally {
    await sim.close();
    bad.cleanup();
    badFile.cleanup();
  }
});
