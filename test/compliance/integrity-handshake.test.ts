/** Image hash output parsing and the known-good comparison (pure, and over SSH with the simulator); host key facts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Device } from '../../src/config/schema.js';
import { parseKnownGood } from '../../src/compliance/data-files.js';
import { hostKeyFacts } from '../../src/compliance/handshake.js';
import { compareWithKnownGood, hashCommand, parseHashOutput } from '../../src/compliance/integrity/hash-output.js';
import { runIntegrityCheck } from '../../src/compliance/integrity/run-check.js';
import { integrityAlert } from '../../src/compliance/software/alerts.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { imageHashAnswer } from '../../src/sim/hash-answers.js';

const sha512 = (s: string) => createHash('sha512').update(s).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const GOOD = sha512('the vendor image');

test('hash outputs per platform parse; garbage and short hashes do not', () => {
  const ios = `verify /sha512 bootflash:cat9k.17.09.04a.SPA.bin\r\n${'.'.repeat(40)}Done!\r\nverify /sha512 (bootflash:cat9k.17.09.04a.SPA.bin) = ${GOOD.toUpperCase()}\r\n`;
  assert.deepEqual(parseHashOutput('cisco_ios', ios), { algorithm: 'sha512', hash: GOOD, file: 'bootflash:cat9k.17.09.04a.SPA.bin' });
  assert.deepEqual(parseHashOutput('cisco_nxos', `\n${GOOD}\n`), { algorithm: 'sha512', hash: GOOD });
  const h = sha256('junos');
  assert.deepEqual(parseHashOutput('juniper_junos', `SHA256 (/var/tmp/junos.tgz) = ${h}\n`), { algorithm: 'sha256', hash: h, file: '/var/tmp/junos.tgz' });
  assert.equal(parseHashOutput('cisco_ios', `verify /sha512 (x) = ${GOOD.slice(0, 100)}\n`), undefined, 'short');
  assert.equal(parseHashOutput('cisco_ios', '% Invalid input detected\n'), undefined);
  assert.equal(parseHashOutput('cisco_ios', GOOD), undefined, 'a bare hash only counts on NX-OS');
  assert.equal(hashCommand('cisco_ios', 'bootflash:a.bin; reload'), undefined, 'no shell syntax from facts');
  assert.equal(hashCommand('cisco_nxos', 'bootflash:nxos.bin'), 'show file bootflash:nxos.bin sha512sum');
});

test('known-good comparison: match, mismatch, unknown image', () => {
  const table = parseKnownGood(`images:\n  - image: cat9k.17.09.04a.SPA.bin\n    sha512: ${GOOD}\n`, 'kg.yaml');
  const r = (hash: string) => ({ algorithm: 'sha512' as const, hash });
  assert.equal(compareWithKnownGood('flash:cat9k.17.09.04a.SPA.bin', r(GOOD), table).status, 'match');
  assert.equal(compareWithKnownGood('bootflash:/cat9k.17.09.04a.SPA.bin', r(sha512('tampered')), table).status, 'mismatch');
  assert.equal(compareWithKnownGood('flash:other.bin', r(GOOD), table).status, 'unknown-image');
  assert.throws(() => parseKnownGood('images:\n  - image: a.bin\n    sha512: abc\n', 'kg.yaml'), /kg\.yaml:3: images\.0\.sha512: 128 hex digits/);
});

test('integrity over SSH: the simulator answers the hash command; a tampered image alerts critical', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'sw1', lines: 150 }), name: 'sw1' }).start();
  try {
    const image = 'flash:cat9k_iosxe.17.09.04a.SPA.bin';
    const command = hashCommand('cisco_ios', image)!;
    const table = [{ image: 'cat9k_iosxe.17.09.04a.SPA.bin', sha512: GOOD }];
    const session = {
      target: { host: '127.0.0.1', port: sim.port, username: 'admin', password: 'admin' },
      timeouts: { connectMs: 10_000, authMs: 10_000, idleMs: 10_000 },
      checkHostKey: () => 'accept' as const,
    };
    sim.setAnswer(command, imageHashAnswer('cisco_ios', command, image, GOOD, 'sw1#'));
    assert.deepEqual(await runIntegrityCheck(session, 'cisco_ios', image, table), { status: 'match', image: 'cat9k_iosxe.17.09.04a.SPA.bin' });
    sim.setAnswer(command, imageHashAnswer('cisco_ios', command, image, sha512('implant'), 'sw1#'));
    const v = await runIntegrityCheck(session, 'cisco_ios', image, table);
    assert.equal(v.status, 'mismatch');
    const device: Device = { name: 'sw1', host: '127.0.0.1', port: sim.port, platform: 'cisco_ios', tags: [], credentials: { username: 'admin' }, credentialsName: 'sim', ignore: [] };
    const alert = integrityAlert(device, v, new Date());
    assert.equal(alert?.kind, 'compliance-regression');
    assert.equal(alert?.severity, 'critical');
    assert.match(alert!.summary, /hash differs from the known-good value/);
  } finally {
    await sim.close();
  }
});

test('host key facts from real key blobs: RSA modulus size, ECDSA curve, Ed25519', () => {
  const blob = (k: { public: string }) => Buffer.from(k.public.split(' ')[1]!, 'base64');
  assert.deepEqual(hostKeyFacts(blob(ssh2.utils.generateKeyPairSync('rsa', { bits: 1024 }))), { hostKeyType: 'ssh-rsa', hostKeyBits: 1024 });
  assert.deepEqual(hostKeyFacts(blob(ssh2.utils.generateKeyPairSync('rsa', { bits: 3072 }))), { hostKeyType: 'ssh-rsa', hostKeyBits: 3072 });
  assert.deepEqual(hostKeyFacts(blob(ssh2.utils.generateKeyPairSync('ecdsa', { bits: 384 }))), { hostKeyType: 'ecdsa-sha2-nistp384', hostKeyBits: 384 });
  assert.deepEqual(hostKeyFacts(blob(ssh2.utils.generateKeyPairSync('ed25519'))), { hostKeyType: 'ssh-ed25519', hostKeyBits: 256 });
  assert.deepEqual(hostKeyFacts(Buffer.from([0, 0, 0, 7, 115, 115, 104, 45, 114, 115, 97, 0, 0, 255])), { hostKeyType: 'ssh-rsa' }, 'truncated blob');
  assert.deepEqual(hostKeyFacts(Buffer.alloc(2)), {});
});
