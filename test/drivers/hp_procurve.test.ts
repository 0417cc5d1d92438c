/** hp_procurve on its synthetic transcript (no shared ProCurve recording exists): VT100 output, facts, masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { hpProcurve } from '../../src/drivers/hp_procurve/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { checkConformance } from '../helpers/conformance-checks.js';

const FIXTURE = 'procurve#J9776A-2530-24G_YA.16.10.0009#simulation.yaml';
// `#` would start a URL fragment: resolve the folder as a URL, then append the file name.
const transcript = loadTranscript(fileURLToPath(new URL('../../src/drivers/hp_procurve/fixtures/', import.meta.url)) + FIXTURE);
const outputs = Object.fromEntries(hpProcurve.commands.map((c) => [c, answerFor(transcript, c) ?? '']));
const CONFIG = 'show running-config';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

test('hp_procurve passes the generic conformance checks on its fixture', () => {
  checkConformance(hpProcurve, FIXTURE, outputs);
});

test('hp_procurve facts', () => {
  assert.deepEqual(hpProcurve.parse(outputs).facts, {
    hostname: 'HP-2530-24G-LAB',
    model: 'J9776A',
    os_version: 'YA.16.10.0009',
    serial: 'CN12ABC345',
  });
});

test('hp_procurve turns escape-coded line breaks into lines and drops the banner', () => {
  assert.match(outputs[CONFIG]!, /\x1bEhostname/, 'the fixture sends one line break as ESC E');
  const { config } = hpProcurve.parse(outputs);
  assert.match(config, /^; Ver #[^\n]+\nhostname "HP-2530-24G-LAB"\n/m);
  assert.match(config, /^; J9776A Configuration Editor; Created on release #YA\.16\.10\.0009\n/);
  assert.doesNotMatch(config, /Running configuration:|\x1b|HP-2530-24G-LAB#/);
  assert.match(config, /^vlan 20\n   name "MGMT"\n   untagged 1-20\n   ip address 10\.20\.0\.11 255\.255\.255\.0\n   exit$/m);
});

test('hp_procurve masks quoted communities, AAA keys, SNMPv3 keys and manager hashes', () => {
  const masked = hpProcurve.maskSecrets(hpProcurve.parse(outputs).config);
  for (const line of [
    'snmp-server community <masked> operator unrestricted',
    'snmp-server host 10.20.0.50 community <masked> trap-level all',
    'snmpv3 user "nms" auth sha <masked> priv aes <masked>',
    'radius-server host 10.20.0.40 key <masked>',
    'tacacs-server host 10.20.0.41 key <masked>',
    'password manager user-name "admin" sha1 <masked>',
    'snmp-server location "Rack 12"',
  ]) {
    assert.ok(masked.split('\n').includes(line), `missing: ${line}`);
  }
  assert.doesNotMatch(masked, /n0tPubl1c|trapC0mm|aUtHk3y|pR1vk3y|rAd1us|t4cacs|2fd4e1c6|de9f2c7f/);
  assert.equal(hpProcurve.maskSecrets('radius-server key s3cret\nsnmp-server host 10.0.0.1 "public" Not-INFO'), 'radius-server key <masked>\nsnmp-server host 10.0.0.1 <masked> Not-INFO');
});

test('hp_procurve refuses a config that does not end at the prompt or has no banner', () => {
  const withoutPrompt = outputs[CONFIG]!.replace(/\r\n[^\n]*HP-2530-24G-LAB# [^\n]*$/, '\r\n');
  assert.throws(() => hpProcurve.parse({ ...outputs, [CONFIG]: withoutPrompt }), incomplete);
  const error = 'show running-config\r\nInvalid input: show\r\nHP-2530-24G-LAB# ';
  assert.throws(() => hpProcurve.parse({ ...outputs, [CONFIG]: error }), incomplete);
});

test('hp_procurve prompt accepts default hostnames with spaces', () => {
  for (const p of ['HP-2530-24G-LAB# ', 'ProCurve Switch 2810-24G#', 'Aruba-2930F-48G-PoEP-4SFPP(config)# ', 'HP-2530-24G-LAB> ']) {
    assert.match(p, hpProcurve.session.prompt);
  }
  for (const p of ['   exit', '; Ver #14:01', 'no web-management']) assert.doesNotMatch(p, hpProcurve.session.prompt);
});
