/** cisco_ftd: facts from `show version system`, `: end` as the closing marker, masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ciscoFtd } from '../../src/drivers/cisco_ftd/index.js';
import { PullError } from '../../src/core/errors.js';
import { parseTranscript } from '../helpers/parse-transcript.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';

test('cisco_ftd facts', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(parseTranscript(ciscoFtd, 'firelinuxos#FPR-1010_7.4.2#simulation.yaml').facts, {
    hostname: 'FPR-12345',
    model: 'FPR-1010',
    os_version: '7.4.2',
    serial: 'JAD20000AAA',
    image: 'disk0:/installables/switch/fxos-k8-fp1k-lfbff.2.14.1.167.SPA',
  });
});

test('cisco_ftd keeps the config up to ": end" and refuses it without', () => {
  const full = 'show running-config all\n: Saved\n: Written by enable_15 at 10:00:01.123 UTC Mon Jan 1 2024\nNGFW Version 7.4.2\nhostname fw1\nCryptochecksum:abc\n: end\n> ';
  assert.equal(ciscoFtd.parse({ 'show running-config all': full }).config, ': Saved\nNGFW Version 7.4.2\nhostname fw1\nCryptochecksum:abc\n: end\n');
  const cut = 'show running-config all\n: Saved\nNGFW Version 7.4.2\nhostname fw1\n> ';
  assert.throws(() => ciscoFtd.parse({ 'show running-config all': cut }), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output');
});

test('cisco_ftd masks', () => {
  const config = [
    'enable password 8Ry2YjIyt7RRXU24 encrypted',
    'username admin password abc encrypted privilege 15',
    'snmp-server host inside 10.0.0.1 community s3cret version 2c',
    ' ikev1 pre-shared-key psk1',
    ' key radkey',
    '',
  ].join('\n');
  const masked = ciscoFtd.maskSecrets(config);
  assert.equal(
    masked,
    [
      'enable password <masked> encrypted',
      'username admin password <masked> encrypted privilege 15',
      'snmp-server host inside 10.0.0.1 community <masked> version 2c',
      ' ikev1 pre-shared-key <masked>',
      ' key <masked>',
      '',
    ].join('\n'),
  );
  assert.equal(ciscoFtd.maskSecrets(masked), masked);
});
