/**
 * Algorithms against real OpenSSH: a server configured with only legacy algorithms (SHA-1 key
 * exchange, ssh-rsa, CBC, hmac-sha1) is refused by default before any credential is sent, and
 * accepted with `legacy_algorithms: true`, which is warned at the pull. A modern server
 * negotiates modern algorithms, and the handshake is reported with the key type and size.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullDevice } from '../../src/collect/pull-device.js';
import { legacyInUse } from '../../src/transport/algorithms.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { acceptAll, captureLog, CFG, sshdTarget } from './targets.js';

const LEGACY_ONLY = [
  'KexAlgorithms diffie-hellman-group14-sha1,diffie-hellman-group1-sha1',
  'HostKeyAlgorithms ssh-rsa',
  'Ciphers aes128-cbc,aes256-cbc',
  'MACs hmac-sha1',
  // Would log "Failed password" if a password ever reached it.
  'PasswordAuthentication yes',
];

let legacy: Sshd | undefined;
let modern: Sshd | undefined;
let legacyKey = '';
let modernKey = '';

before(async () => {
  if (skipWithoutSshd) return;
  [legacy, modern] = await Promise.all([startSshd({ hostKeyType: 'rsa', extraConfig: LEGACY_ONLY }), startSshd({ hostKeyType: 'rsa' })]);
  legacyKey = join(legacy.dir, 'login_key');
  modernKey = join(modern.dir, 'login_key');
  writeFileSync(legacyKey, legacy.privateKey, { mode: 0o600 });
  writeFileSync(modernKey, modern.privateKey, { mode: 0o600 });
});
after(async () => {
  await legacy?.stop();
  await modern?.stop();
});

/** sshd writes its log asynchronously: wait (bounded) for a line, by content, not by time. */
async function logShows(sshd: Sshd, pattern: RegExp): Promise<boolean> {
  for (let i = 0; i < 100 && !pattern.test(sshd.log()); i++) await new Promise((r) => setTimeout(r, 50));
  return pattern.test(sshd.log());
}

test('a legacy-only sshd is refused by default: algorithm-mismatch naming what it offers, no credential sent', { skip: skipWithoutSshd }, async () => {
  const device = sshdTarget('old1', legacy!, legacyKey, { credentials: { username: legacy!.username, password: 'n0t-to-be-sent', private_key_file: legacyKey } });
  const outcome = await pullDevice(device, CFG, acceptAll());
  assert.equal(outcome.ok, false);
  const error = (outcome as Extract<typeof outcome, { ok: false }>).error;
  assert.equal(error.kind, 'algorithm-mismatch', error.message);
  assert.match(error.message, /no common key exchange algorithm: the device offers only diffie-hellman-group14-sha1, diffie-hellman-group1-sha1/);
  assert.match(error.message, /legacy_algorithms: true/);
  assert.ok(await logShows(legacy!, /no matching key exchange method/), legacy!.log());
  assert.doesNotMatch(legacy!.log(), /Failed password|Accepted|Failed publickey|Postponed/, 'authentication never started');
});

test('with legacy_algorithms: true the same sshd is pulled, the handshake says what was used, and the pull is warned', { skip: skipWithoutSshd }, async () => {
  const { log, lines } = captureLog();
  const outcome = await pullDevice(sshdTarget('old1', legacy!, legacyKey, { legacy_algorithms: true }), CFG, acceptAll({ log }));
  assert.ok(outcome.ok, !outcome.ok ? `${outcome.error.message}\n${legacy!.log()}` : '');
  assert.deepEqual(
    { ...outcome.handshake, hostKeyFingerprint: undefined, serverIdent: undefined, offered: undefined },
    { kex: 'diffie-hellman-group14-sha1', hostKey: 'ssh-rsa', cipher: 'aes128-cbc', mac: 'hmac-sha1', hostKeyType: 'ssh-rsa', hostKeyBits: 3072, hostKeyFingerprint: undefined, serverIdent: undefined, offered: undefined },
  );
  // What the server offered, straight from its KEXINIT (OpenSSH adds its strict-kex marker).
  assert.deepEqual(outcome.handshake.offered, {
    kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'kex-strict-s-v00@openssh.com'],
    hostKey: ['ssh-rsa'],
    cipher: ['aes128-cbc', 'aes256-cbc'],
    mac: ['hmac-sha1'],
  });
  assert.match(outcome.handshake.serverIdent ?? '', /^SSH-2\.0-OpenSSH_/);
  assert.equal(outcome.handshake.hostKeyFingerprint, legacy!.hostKey.fingerprint);
  assert.deepEqual(legacyInUse(outcome.handshake), ['diffie-hellman-group14-sha1', 'ssh-rsa', 'aes128-cbc', 'hmac-sha1']);
  const warned = lines.filter((l) => l.level === 'warn');
  assert.equal(warned.length, 1);
  assert.match(warned[0]!.msg, /legacy_algorithms is on for old1: negotiated legacy diffie-hellman-group14-sha1, ssh-rsa, aes128-cbc, hmac-sha1/);
});

test('a modern sshd with an RSA key negotiates curve25519, rsa-sha2-512 and an AEAD cipher; nothing is warned', { skip: skipWithoutSshd }, async () => {
  const { log, lines } = captureLog();
  const outcome = await pullDevice(sshdTarget('new1', modern!, modernKey), CFG, acceptAll({ log }));
  assert.ok(outcome.ok, !outcome.ok ? `${outcome.error.message}\n${modern!.log()}` : '');
  const h = outcome.handshake;
  assert.equal(h.kex, 'curve25519-sha256');
  assert.equal(h.hostKey, 'rsa-sha2-512', 'an RSA key signs with SHA-512, never SHA-1');
  assert.equal(h.hostKeyType, 'ssh-rsa');
  assert.equal(h.hostKeyBits, 3072);
  assert.equal(h.cipher, 'aes128-gcm@openssh.com');
  assert.equal(h.mac, '<implicit>');
  assert.deepEqual(legacyInUse(h), []);
  assert.deepEqual(lines, []);
});

test('a flagged device that negotiates only modern algorithms is told it can drop the flag', { skip: skipWithoutSshd }, async () => {
  const { log, lines } = captureLog();
  const outcome = await pullDevice(sshdTarget('new1', modern!, modernKey, { legacy_algorithms: true }), CFG, acceptAll({ log }));
  assert.ok(outcome.ok);
  assert.equal(outcome.handshake.kex, 'curve25519-sha256', 'legacy algorithms are offered after the modern ones');
  assert.match(lines[0]?.msg ?? '', /negotiated only modern algorithms: legacy_algorithms can be removed/);
});
