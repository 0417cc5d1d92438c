/** aruba_aoscx: facts from `show system` / `show version`, masks, completeness at the prompt. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arubaAoscx } from '../../src/drivers/aruba_aoscx/index.js';
import { PullError } from '../../src/core/errors.js';
import { parseTranscript } from '../helpers/parse-transcript.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';

test('aruba_aoscx facts', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(parseTranscript(arubaAoscx, 'aoscx#R0X25A-6410_FL.10.10.1100#simulation.yaml').facts, {
    hostname: 'Switch-cx',
    model: 'R0X25A 6410 Chassis',
    os_version: 'FL.10.10.1100',
    serial: 'SG0AAA0000',
    image: 'secondary',
  });
  // Anonymized `<removed>` values are not facts.
  const cx6000 = parseTranscript(arubaAoscx, 'aoscx#CX6000-8G_10.16.1010_environment#simulation.yaml').facts;
  assert.equal(cx6000.serial, undefined);
  assert.equal(cx6000.os_version, 'PL.10.16.1010');
});

test('aruba_aoscx masks ciphertext, communities and trap communities', () => {
  const config = [
    'user admin group administrators password ciphertext AQBapXYZ==',
    'radius-server host 10.0.0.1 key plaintext s3cret',
    'snmpv3 user mon auth sha auth-pass ciphertext AAA priv aes priv-pass ciphertext BBB',
    'snmp-server community public',
    'snmp-server host 10.0.0.2 trap version v2c community trapcomm',
    'user admin authorized-key ssh-ed25519 AAAAC3Nza admin@host',
    '',
  ].join('\n');
  const masked = arubaAoscx.maskSecrets(config);
  assert.equal(
    masked,
    [
      'user admin group administrators password ciphertext <secret hidden>',
      'radius-server host 10.0.0.1 key plaintext <secret hidden>',
      'snmpv3 user mon auth sha auth-pass ciphertext <secret hidden> priv aes priv-pass ciphertext <secret hidden>',
      'snmp-server community <secret hidden>',
      'snmp-server host 10.0.0.2 trap version v2c community <secret hidden>',
      'user admin authorized-key ssh-ed25519 AAAAC3Nza admin@host',
      '',
    ].join('\n'),
  );
  assert.equal(arubaAoscx.maskSecrets(masked), masked);
});

test('aruba_aoscx refuses output that does not close at the prompt, and a refused command', () => {
  const cut = 'show running-config\nCurrent configuration:\n!\nhostname sw1\ninterface 1/1/1\n    no shutdown\n';
  assert.throws(() => arubaAoscx.parse({ 'show running-config': cut }), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output');
  const pager = 'show running-config\nCurrent configuration:\nhostname sw1\n-- MORE --, next page: Space, next line: Enter, quit: Control-C';
  assert.throws(() => arubaAoscx.parse({ 'show running-config': pager }), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output');
  const ok = 'show running-config\nCurrent configuration:\nhostname sw1\nsw1# ';
  assert.equal(arubaAoscx.parse({ 'show running-config': ok }).config, 'Current configuration:\nhostname sw1\n');
});
