/** The pure parts of the transport: offers, known_hosts parsing and matching, key sizes, classification. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import ssh2 from 'ssh2';
import { algorithmsFor, isLegacyAlgorithm, LEGACY, MODERN } from '../../src/transport/algorithms.js';
import { classifySshError } from '../../src/transport/classify.js';
import { hostKeyBits } from '../../src/transport/handshake.js';
import { entriesFor, hostsFieldMatches, parseKnownHosts } from '../../src/transport/known-hosts.js';

const publicBlob = (pem: string) => {
  const parsed = ssh2.utils.parseKey(pem);
  if (parsed instanceof Error) throw parsed;
  return (Array.isArray(parsed) ? parsed[0]! : parsed).getPublicSSH();
};

test('default offers contain no SHA-1 kex, ssh-rsa, ssh-dss, CBC or hmac-sha1; the legacy flag appends them after the modern ones', () => {
  const modern = algorithmsFor(false) as Record<string, string[]>;
  const all = Object.values(modern).flat();
  for (const bad of ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'ssh-rsa', 'ssh-dss', 'aes128-cbc', '3des-cbc', 'hmac-sha1']) {
    assert.ok(!all.includes(bad), `${bad} offered by default`);
    assert.ok(isLegacyAlgorithm(bad));
  }
  assert.equal(modern.kex![0], 'curve25519-sha256');
  const legacy = algorithmsFor(true) as Record<string, string[]>;
  assert.deepEqual(legacy.kex, [...MODERN.kex, ...LEGACY.kex]);
  assert.deepEqual(legacy.serverHostKey, [...MODERN.serverHostKey, ...LEGACY.serverHostKey]);
  // Every name must be one this ssh2 (and this OpenSSL) supports: ssh2 rejects unknown names.
  const c = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as Record<string, string[]>;
  const lists: Array<[string, string[]]> = [['kex', c.SUPPORTED_KEX!], ['serverHostKey', c.SUPPORTED_SERVER_HOST_KEY!], ['cipher', c.SUPPORTED_CIPHER!], ['hmac', c.SUPPORTED_MAC!]];
  for (const [key, supported] of lists) {
    for (const name of legacy[key]!) assert.ok(supported.includes(name), `${name} (${key}) is not supported by ssh2 here`);
  }
});

test('key sizes read from SSH blobs: RSA modulus, ECDSA curve, ed25519', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  assert.equal(hostKeyBits(publicBlob(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string)), 2048);
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  assert.equal(hostKeyBits(publicBlob(ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string)), 384);
  const ed = ssh2.utils.generateKeyPairSync('ed25519');
  assert.equal(hostKeyBits(publicBlob(ed.private)), 256);
  assert.equal(hostKeyBits(Buffer.from([0, 0, 0, 200, 1])), 0, 'a truncated blob is size 0, not an exception');
});

test('known_hosts: plain, port, wildcard, negation, hashed; bad lines are problems with line numbers', () => {
  const key = ssh2.utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
  const salt = Buffer.from('0123456789abcdef0123');
  const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[sw9.example]:2222').digest('base64')}`;
  const kh = parseKnownHosts(
    [
      `sw1.example,10.0.0.1 ${key}`,
      `[sw2.example]:2222 ${key}`,
      `*.lab.example,!bad.lab.example ${key}`,
      `${hashed} ${key} comment`,
      '@cert-authority *.example ssh-ed25519 AAAA',
      'only-two fields',
      `x ssh-rsa ${key.split(' ')[1]}`,
      '@weird x y z',
    ].join('\n'),
    'kh',
  );
  assert.equal(kh.entries.length, 4);
  assert.deepEqual(
    kh.problems.map((p) => p.line),
    [6, 7, 8],
  );
  assert.ok(hostsFieldMatches('sw1.example,10.0.0.1', '10.0.0.1', 22));
  assert.ok(hostsFieldMatches('sw1.example', 'SW1.example', 22), 'host names are case-insensitive');
  assert.ok(!hostsFieldMatches('sw1.example', 'sw1.example', 2222), 'a port other than 22 needs [host]:port');
  assert.ok(hostsFieldMatches('[sw2.example]:2222', 'sw2.example', 2222));
  assert.ok(hostsFieldMatches('*.lab.example,!bad.lab.example', 'a.lab.example', 22));
  assert.ok(!hostsFieldMatches('*.lab.example,!bad.lab.example', 'bad.lab.example', 22), 'negation wins');
  assert.ok(!hostsFieldMatches('sw?.example', 'sw10.example', 22));
  assert.equal(entriesFor(kh, 'sw9.example', 2222).trusted.length, 1, 'hashed [host]:port');
  assert.equal(entriesFor(kh, 'sw9.example', 22).trusted.length, 0);
});

test('classification: recognised ssh2 and socket errors get their kind; anything else is internal', () => {
  const as = (e: object) => classifySshError(Object.assign(new Error('x'), e), 'h:22').kind;
  assert.equal(as({ code: 'ECONNREFUSED' }), 'unreachable');
  assert.equal(as({ code: 'ETIMEDOUT' }), 'timeout');
  assert.equal(as({ level: 'client-timeout' }), 'timeout');
  assert.equal(as({ level: 'client-authentication' }), 'auth');
  assert.equal(as({ code: 'ECONNRESET' }), 'protocol');
  assert.equal(as({ level: 'handshake' }), 'protocol');
  assert.equal(classifySshError(new Error('Bad packet length 99999'), 'h:22').kind, 'protocol');
  const bug = classifySshError(new TypeError('undefined is not a function'), 'h:22');
  assert.equal(bug.kind, 'internal');
  assert.match(bug.stack ?? '', /TypeError|pure\.test/);
});
