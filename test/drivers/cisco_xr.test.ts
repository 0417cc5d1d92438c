/** cisco_xr on its synthetic transcript (no shared IOS-XR recording exists): facts, cleaning, masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ciscoXr } from '../../src/drivers/cisco_xr/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { checkConformance } from '../helpers/conformance-checks.js';

const FIXTURE = 'iosxr#ASR-9901_7.3.2#simulation.yaml';
// `#` would start a URL fragment: resolve the folder as a URL, then append the file name.
const transcript = loadTranscript(fileURLToPath(new URL('../../src/drivers/cisco_xr/fixtures/', import.meta.url)) + FIXTURE);
const outputs = Object.fromEntries(ciscoXr.commands.map((c) => [c, answerFor(transcript, c) ?? '']));
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

test('cisco_xr passes the generic conformance checks on its fixture', () => {
  // No output.txt / secret.yaml siblings: artifacts, prompt, idempotent masking, cut config.
  checkConformance(ciscoXr, FIXTURE, outputs);
});

test('cisco_xr facts', () => {
  assert.deepEqual(ciscoXr.parse(outputs).facts, {
    hostname: 'xr-lab-pe1',
    model: 'ASR-9901',
    os_version: '7.3.2',
    serial: 'FOC2300ABCD',
  });
});

test('cisco_xr drops the timestamp and change headers, keeps the config to its end', () => {
  const { config } = ciscoXr.parse(outputs);
  assert.doesNotMatch(config, /^(Mon|Tue) Dec|Building configuration|Last configuration change/m);
  assert.match(config, /^!! IOS XR Configuration 7\.3\.2\n!\nhostname xr-lab-pe1\n/);
  assert.match(config, /^route-policy RP-PASS\n  pass\nend-policy$/m);
  assert.match(config, /ssh server vrf MGMT\nend\n$/);
});

test('cisco_xr masks XR secret syntax and keeps key ids and encryption kinds', () => {
  const masked = ciscoXr.maskSecrets(ciscoXr.parse(outputs).config);
  for (const line of [
    ' secret 10 <masked>',
    ' password 7 <masked>',
    ' key 7 <masked>',
    'snmp-server community <masked> RO IPv4 SNMP-ACL',
    'snmp-server host 10.0.0.50 traps version 2c <masked>',
    'snmp-server user nms nms-grp v3 auth sha encrypted <masked> priv aes 128 encrypted <masked>',
    'key chain ISIS-KEYS',
    ' key 1',
    '  key-string password <masked>',
    '  message-digest-key 1 md5 encrypted <masked>',
    '  password encrypted <masked>',
  ]) {
    assert.ok(masked.split('\n').includes(line), `missing: ${line}`);
  }
  assert.doesNotMatch(masked, /0822455D0A16|01100F175804575D72|S3cr3t|13061E010803|02050D480809|\$6\$/);
});

test('cisco_xr refuses a config without its closing end', () => {
  const cut = outputs['show running-config']!.replace(/\nend\r?\n[\s\S]*$/, '\n');
  assert.throws(() => ciscoXr.parse({ ...outputs, 'show running-config': cut }), incomplete);
});

test('cisco_xr prompt', () => {
  for (const p of ['RP/0/RSP0/CPU0:xr-lab-pe1#', 'RP/0/RP0/CPU0:ios(config)#', 'RP/0/RP0/CPU0:ios# ']) assert.match(p, ciscoXr.session.prompt);
  for (const p of ['!! IOS XR Configuration 7.3.2', ' key 1', 'end']) assert.doesNotMatch(p, ciscoXr.session.prompt);
});
