/**
 * The server's offered algorithms reach the evidence: a simulated device offering
 * diffie-hellman-group1-sha1 beside modern methods negotiates a modern one with driftwatch, yet
 * rule ssh-kex-dh-4096 fails on the handshake clause; a modern-only device does not. The last
 * handshake is kept per device and shown by `status` (use case and human line).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCycle } from '../../src/app/cycle/run-cycle.js';
import { deviceStatuses } from '../../src/app/use-cases/status.js';
import { handshakeLine } from '../../src/cli/format/handshake-view.js';
import { handshakeFromDebug } from '../../src/compliance/handshake-debug.js';
import { makePaint } from '../../src/cli/format/colour.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { complianceRepo } from '../../src/state/compliance-repo.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

const MODERN = ['curve25519-sha256', 'ecdh-sha2-nistp256', 'diffie-hellman-group16-sha512'];

test('offered weak kex is recorded and fails ssh-kex-dh-4096 although the negotiated kex is modern', async () => {
  const weak = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'hw1', lines: 120 }), name: 'hw1', kex: [...MODERN, 'diffie-hellman-group1-sha1'] }).start();
  const good = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'hg1', lines: 120 }), name: 'hg1', kex: MODERN }).start();
  const ws = makeWorkspace([
    { name: 'hw1', sim: weak },
    { name: 'hg1', sim: good },
  ]);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  try {
    await runCycle(app, cfg.devices);
    const status = new Map(deviceStatuses(app).map((s) => [s.name, s]));
    const hw = status.get('hw1')!.handshake!;
    assert.equal(hw.kex, 'curve25519-sha256', 'driftwatch negotiated a modern kex');
    assert.deepEqual(hw.offered?.kex?.filter((k) => !k.startsWith('kex-strict') && k !== 'ext-info-s'), [...MODERN, 'diffie-hellman-group1-sha1'], 'the offered list is recorded');
    assert.ok(hw.offered?.hostKey?.length && hw.offered.cipher?.length && hw.offered.mac?.length, JSON.stringify(hw.offered));
    assert.equal(hw.serverIdent, 'SSH-2.0-Cisco-1.25');
    assert.ok(hw.seenAt);

    const kexRule = (device: string) => complianceRepo(app.state).results(device).find((r) => r.rule === 'ssh-kex-dh-4096')!;
    const handshakeEvidence = (device: string) => kexRule(device).lines.filter((l) => l.text.startsWith('handshake kex:'));
    assert.equal(kexRule('hw1').verdict, 'FAIL');
    assert.equal(handshakeEvidence('hw1').length, 1, 'the handshake clause decided the FAIL');
    assert.match(handshakeEvidence('hw1')[0]!.text, /diffie-hellman-group1-sha1/);
    assert.equal(handshakeEvidence('hg1').length, 0, 'a modern-only server gives no handshake FAIL');

    const line = handshakeLine([...status.values()], makePaint(false));
    assert.match(line ?? '', /^ssh: 1 device with weak SSH: hw1 \(offers diffie-hellman-group1-sha1\)$/);
    assert.equal(handshakeLine([status.get('hg1')!], makePaint(false)), undefined, 'nothing weak: no line');
  } finally {
    app.state.close();
    await weak.close();
    await good.close();
    ws.cleanup();
  }
});

test('hostile debug lines: an ident with control characters is dropped, odd names are filtered, lists are bounded, both cipher directions merge', () => {
  const many = Array.from({ length: 100 }, (_, i) => `kex${i}`).join(',');
  const h = handshakeFromDebug([
    "Remote ident: 'SSH-2.0-x\\x1b[2J'",
    "Remote ident: 'SSH-2.0-\u001b[31mred'",
    `Handshake: (remote) KEX method: ${many}`,
    'Handshake: (remote) Host key format: ssh-rsa,evil name,ssh-ed25519',
    'Handshake: (remote) C->S cipher: aes128-ctr,aes256-ctr',
    'Handshake: (remote) S->C cipher: aes256-ctr,3des-cbc',
  ]);
  assert.equal(h.serverIdent, 'SSH-2.0-x\\x1b[2J', 'ssh2 escapes controls itself; a raw ESC is never kept');
  assert.equal(h.kex?.length, 40);
  assert.deepEqual(h.hostKey, ['ssh-rsa', 'ssh-ed25519']);
  assert.deepEqual(h.cipher, ['aes128-ctr', 'aes256-ctr', '3des-cbc']);
  assert.equal(handshakeFromDebug(["Remote ident: 'SSH-2.0-\u001b[31mred'"]).serverIdent, undefined);
});
