/** Keyed fingerprints: the contract, per-device salt, exact tokens, idempotency, the key file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';
import { realign } from '../../src/drivers/common/secret-masker.js';
import { fingerprint, fingerprinter } from '../../src/secrets/fingerprint.js';
import { FingerprintKeyError, KEY_MISSING_MESSAGE, fingerprintKeyPath, loadOrCreateKey } from '../../src/secrets/key-file.js';
import { storeHasFingerprints } from '../../src/secrets/store-scan.js';

const KEY = Buffer.alloc(32, 7);

test('a fingerprint is <secret: + the first 10 hex digits of HMAC-SHA256(key, device NUL token) + >', () => {
  const expected = createHmac('sha256', KEY).update('sw1\0s3cret').digest('hex').slice(0, 10);
  assert.equal(fingerprint(KEY, 'sw1', 's3cret'), `<secret:${expected}>`);
  assert.notEqual(fingerprint(KEY, 'sw2', 's3cret'), fingerprint(KEY, 'sw1', 's3cret'), 'salted by device');
  assert.notEqual(fingerprint(Buffer.alloc(32, 8), 'sw1', 's3cret'), fingerprint(KEY, 'sw1', 's3cret'), 'keyed');
  assert.throws(() => fingerprinter(Buffer.alloc(16), 'sw1'), /32 bytes/);
});

test('the mask function receives exactly the secret token, and fingerprinting is idempotent', () => {
  const seen: string[] = [];
  const config = 'hostname r1\nenable secret 9 $9$abc$def\nusername u privilege 15 password 0 Pw1 \nsnmp-server community C0mm RO\nend\n';
  const out = ciscoIos.maskSecrets(config, (t) => (seen.push(t), `<secret:${'0'.repeat(9)}${seen.length}>`));
  assert.deepEqual(seen, ['$9$abc$def', 'Pw1', 'C0mm']);
  assert.equal(out, 'hostname r1\nenable secret 9 <secret:0000000001>\nusername u privilege 15 password 0 <secret:0000000002> \nsnmp-server community <secret:0000000003> RO\nend\n');
  const fp = fingerprinter(KEY, 'r1');
  const stored = ciscoIos.maskSecrets(config, fp);
  assert.equal(ciscoIos.maskSecrets(stored, fp), stored);
});

test('realign refuses texts that do not align (the caller then keeps the constant masks)', () => {
  assert.equal(realign('password abc\n', 'passwd <masked>\n', () => 'x'), undefined);
  assert.equal(realign('password abc\n', 'password <masked>\n', (t) => `[${t}]`), 'password [abc]\n');
});

test('the key file: created 32 bytes 0600 on first run, reused, refused when readable by others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-key-'));
  try {
    const path = fingerprintKeyPath({ file: join(dir, 'devices.yaml'), state: join(dir, 'state', 'dw.db') });
    assert.equal(path, join(dir, 'state', 'fingerprint.key'));
    assert.equal(fingerprintKeyPath({ file: join(dir, 'devices.yaml'), state: 'x', fingerprint_key_file: 'creds/fp.key' }), join(dir, 'creds', 'fp.key'));
    const key = loadOrCreateKey(path, () => false);
    assert.equal(key.length, 32);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(loadOrCreateKey(path, () => true), key, 'the same key next time');
    chmodSync(path, 0o644);
    assert.throws(() => loadOrCreateKey(path, () => false), /readable by group or others/);
    writeFileSync(join(dir, 'short.key'), 'abc', { mode: 0o600 });
    assert.throws(() => loadOrCreateKey(join(dir, 'short.key'), () => false), /exactly 32 bytes/);
    assert.ok(!readFileSync(path).equals(Buffer.alloc(32)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing key when the store already holds fingerprints is one clear error, not a new key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-key-'));
  try {
    const store = join(dir, 'store');
    assert.equal(storeHasFingerprints(store), false, 'no store yet');
    mkdirSync(join(store, 'core'), { recursive: true });
    writeFileSync(join(store, 'core', 'r1.cfg'), 'enable secret 9 <secret:0123456789>\n');
    assert.equal(storeHasFingerprints(store), true);
    const path = join(dir, 'fingerprint.key');
    assert.throws(
      () => loadOrCreateKey(path, () => storeHasFingerprints(store)),
      (e: unknown) => e instanceof FingerprintKeyError && e.message.startsWith(KEY_MISSING_MESSAGE),
    );
    assert.throws(() => statSync(path), 'no key was created');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

