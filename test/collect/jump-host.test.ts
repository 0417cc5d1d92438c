/**
 * A device reached through a real OpenSSH sshd used as jump host: the session to the simulated
 * device rides a direct-tcpip channel; the bastion's own key is pinned and checked too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { pullAndDeliver } from '../../src/app/pull-now.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';
import { skipWithoutSshd, startSshd } from '../helpers/sshd.js';

test('pull through a jump host; a changed jump host key is refused and alerted once', { skip: skipWithoutSshd }, async () => {
  const sshd = await startSshd({ extraConfig: ['AllowTcpForwarding yes'] });
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'behind1', lines: 150 }), name: 'behind1' }).start();
  const keyFile = join(sshd.dir, 'jump_key');
  writeFileSync(keyFile, sshd.privateKey, { mode: 0o600 });
  const ws = makeWorkspace([{ name: 'behind1', sim }], {
    credentials: { sim: { username: 'admin', password: '${DW_TEST_PASSWORD}' }, bastion: { username: sshd.username, private_key_file: keyFile } },
    jump_hosts: { bastion: { host: sshd.host, port: sshd.port, credentials: 'bastion' } },
    defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1', jump: 'bastion' },
  });
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  const cycle = () => pullAndDeliver({ cfg, archive, state, log: createLogger('silent'), clock: () => new Date() }, cfg.devices);
  try {
    assert.equal(cfg.devices[0]!.jump?.name, 'bastion');
    const first = await cycle();
    assert.equal(first.results[0]!.result, 'changed', `${first.results[0]!.error}\n${sshd.log()}`);
    assert.equal(sim.stats.logins, 1);
    assert.equal(state.getHostKey('jump:bastion')?.fingerprint, sshd.hostKey.fingerprint, 'bastion key pinned under its own name');

    // Someone swaps the bastion's key: refused before the device is even contacted.
    state.forgetHostKey('jump:bastion');
    state.pinHostKey('jump:bastion', 'ssh-ed25519', 'SHA256:not-the-real-key', new Date());
    const refused = await cycle();
    assert.equal(refused.results[0]!.errorKind, 'host-key-mismatch');
    assert.match(refused.results[0]!.error ?? '', /jump host bastion/);
    assert.equal(sim.stats.logins, 1, 'no login to the device');
    assert.deepEqual(refused.alerts.map((a) => a.kind), ['host-key-mismatch']);
    assert.match(refused.alerts[0]!.summary, /jump host bastion/);
  } finally {
    state.close();
    await sim.close();
    await sshd.stop();
    ws.cleanup();
  }
});

test('a jump host that is not defined is a config error naming the device', () => {
  const ws = makeWorkspace([], { jump_hosts: {}, devices: [{ name: 'x1', port: 22, jump: 'nowhere' }] });
  try {
    assert.throws(() => loadConfigFile(ws.config, TEST_ENV), /device x1: jump "nowhere" is not defined under jump_hosts/);
  } finally {
    ws.cleanup();
  }
});
