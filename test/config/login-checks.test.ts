import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/config/load.js';

function messages(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return '';
}

const inventory = (sets: string) => [`credentials:`, sets, 'defaults: { platform: ios, host: h }', 'devices: [{ name: a, credentials: k }]'].join('\n');

test('a credential set needs a password or a key (checked for commands that log in, not for read-only ones)', () => {
  const yaml = inventory('  k: { username: u }');
  assert.match(messages(() => parseConfig(yaml, 'd.yaml', {}, { checkLogin: true })), /d\.yaml:2: credentials\.k: needs password or private_key_file/);
  assert.equal(messages(() => parseConfig(yaml, 'd.yaml', {}, { checkLogin: false })), '');
  // A password from an unset variable is one problem (the variable), not two.
  const fromEnv = messages(() => parseConfig(inventory('  k: { username: u, password: "${PW}" }'), 'd.yaml', {}, { checkLogin: true }));
  assert.match(fromEnv, /environment variable PW is not set/);
  assert.doesNotMatch(fromEnv, /needs password/);
});

test('key files must exist and be regular files; the problem names the path; relative paths are the config folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-keys-'));
  try {
    writeFileSync(join(dir, 'id_ok'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    mkdirSync(join(dir, 'a-dir'));
    const write = (name: string, key: string) => {
      const file = join(dir, name);
      writeFileSync(file, inventory(`  k: { username: u, private_key_file: "${key}" }`));
      return file;
    };
    const ok = loadConfigFile(write('ok.yaml', './id_ok'), {});
    assert.equal(ok.devices[0]!.credentials.private_key_file, join(dir, 'id_ok'), 'resolved against the config folder');
    assert.match(messages(() => loadConfigFile(write('missing.yaml', './id_gone'), {})), new RegExp(`missing\\.yaml:2: credentials\\.k\\.private_key_file: ${join(dir, 'id_gone')} does not exist`));
    assert.match(messages(() => loadConfigFile(write('dir.yaml', join(dir, 'a-dir')), {})), /a-dir is not a regular file/);
    // Read-only commands (show, status...) do not need the key.
    assert.equal(messages(() => loadConfigFile(join(dir, 'missing.yaml'), {}, { requireSecrets: false })), '');
    // An unreadable file (root reads everything, so the check itself is swapped in).
    const denied = messages(() => parseConfig(inventory('  k: { username: u, private_key_file: /k }'), 'd.yaml', {}, { checkLogin: true, keyFile: () => 'is not readable by this user' }));
    assert.match(denied, /credentials\.k\.private_key_file: \/k is not readable by this user/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing config file says what to do, naming the path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-noconf-'));
  try {
    const file = join(dir, 'devices.yaml');
    assert.match(messages(() => loadConfigFile(file, {})), new RegExp(`^${file}: no devices\\.yaml here: create it .*--config`));
    writeFileSync(join(dir, 'devices.example.yaml'), 'devices: []\n');
    assert.match(messages(() => loadConfigFile(file, {})), new RegExp(`no devices\\.yaml here: copy ${join(dir, 'devices.example.yaml')} to ${file}`));
    assert.match(messages(() => loadConfigFile(dir, {})), /is a directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
