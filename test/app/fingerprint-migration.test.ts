/** A store written with `<masked>` upgrades to keyed fingerprints in one commit per device, without a drift alert. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('mask_secrets constant -> fingerprint: one "<name>: secret fingerprints" commit, no alert; then a changed secret is drift', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'm1', lines: 120 }), name: 'm1' }).start();
  const ws = makeWorkspace([{ name: 'm1', sim }], { mask_secrets: 'constant' });
  const git = (...a: string[]) => execFileSync('git', ['-C', ws.store, ...a], { encoding: 'utf8' }).trim();
  try {
    sim.mutate('show running-config', (t) => t.replace(/^(hostname .*)$/m, '$1\nsnmp-server community Old-C0mmunity RO'));
    assert.equal((await runCli(['pull', '--config', ws.config], { env: TEST_ENV })).code, 0);
    assert.match(git('show', 'HEAD:m1.cfg'), /^snmp-server community <masked> RO$/m);

    writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace('mask_secrets: constant', 'mask_secrets: fingerprint'));
    const upgrade = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(upgrade.code, 0, upgrade.stdout + upgrade.stderr);
    assert.doesNotMatch(upgrade.stdout, /ALERT/);
    assert.equal(git('log', '-1', '--format=%s'), 'm1: secret fingerprints');
    assert.match(git('show', 'HEAD:m1.cfg'), /^snmp-server community <secret:[0-9a-f]{10}> RO$/m);

    sim.mutate('show running-config', (t) => t.replace('Old-C0mmunity', 'N3w-C0mmunity'));
    const changed = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(changed.code, 3, 'a changed community is drift');
    assert.match(changed.stdout, /secret changed/);
    assert.doesNotMatch(execFileSync('git', ['-C', ws.store, 'log', '-p', '--all'], { encoding: 'utf8' }), /C0mmunity/);
  } finally {
    await sim.close();
    ws.cleanup();
  }
});
