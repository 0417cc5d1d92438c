/** cisco_ios as pure code: recorded device output in, cleaned and masked config out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { assertLinesInOrder } from '../helpers/lines-in-order.js';
import { skipWithoutTranscripts, transcriptFiles, transcriptPath } from '../helpers/transcripts.js';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(ciscoIos.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('cisco_ios parses and masks every ios transcript', { skip: skipWithoutTranscripts }, () => {
  const files = transcriptFiles('ios', 'simulation.yaml');
  assert.ok(files.length >= 2);
  for (const file of files) {
    const { config, facts } = ciscoIos.parse(outputsOf(file));
    const masked = ciscoIos.maskSecrets(config);
    assert.match(config, /^version \d/m, file);
    assert.equal(config.trimEnd().split('\n').at(-1), 'end', file);
    assert.doesNotMatch(config, /Building configuration|Current configuration :|Last configuration change|NVRAM config last/, file);
    assert.doesNotMatch(config, /show running-config|\r/, `${file}: echo or CR left`);
    assert.ok(facts.model && facts.os_version && facts.serial, `${file}: facts ${JSON.stringify(facts)}`);
    assert.equal(ciscoIos.maskSecrets(masked), masked, `${file}: masking is idempotent`);
    const secretFile = file.replace('simulation.yaml', 'secret.yaml');
    if (transcriptFiles('ios', 'secret.yaml').includes(secretFile)) {
      const spec = parseYaml(readFileSync(transcriptPath(secretFile), 'utf8')) as { pass?: string[]; fail?: string[] };
      for (const p of spec.fail ?? []) assert.doesNotMatch(masked, new RegExp(p), `${file}: secret /${p}/ left in stored config`);
      for (const p of spec.pass ?? []) assert.match(masked, new RegExp(p), `${file}: /${p}/ should stay`);
    }
  }
});

test('cisco_ios facts from the C9200L transcript', { skip: skipWithoutTranscripts }, () => {
  const { facts } = ciscoIos.parse(outputsOf('ios#C9200L-24P-4G_17.09.04a#simulation.yaml'));
  assert.deepEqual(facts, {
    hostname: 'LAB-SW123_9200L',
    model: 'C9200L-24P-4G',
    os_version: '17.09.04a',
    serial: 'JAE24FFFFFF',
    image: 'flash:cat9k_lite_iosxe.17.09.04a.SPA.bin',
  });
});

test('cisco_ios keeps every config line of the recorded output in order', { skip: skipWithoutTranscripts }, () => {
  for (const file of transcriptFiles('ios', 'simulation.yaml')) {
    const { config } = ciscoIos.parse(outputsOf(file));
    const recorded = readFileSync(transcriptPath(file.replace('simulation.yaml', 'output.txt')), 'utf8');
    // The recorded body starts at the first line after Oxidized's "! ..." header comments.
    const body = recorded.split('\n').filter((l) => !/^! (Last configuration change|NVRAM config last updated)/.test(l));
    const start = body.findIndex((l) => /^version /.test(l));
    assertLinesInOrder(body.slice(start), config, file);
  }
});

test('cisco_ios refuses a config cut before its closing end', () => {
  const cut = 'show running-config\nBuilding configuration...\n\nversion 17.9\nhostname r1\ninterface Gi1\n ip add';
  assert.throws(
    () => ciscoIos.parse({ 'show running-config': cut }),
    (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output',
  );
});

test('cisco_ios prompt pattern holds ios#generic#prompt.yaml', { skip: skipWithoutTranscripts }, () => {
  const spec = parseYaml(readFileSync(transcriptPath('ios#generic#prompt.yaml'), 'utf8')) as { pass: string[]; fail: string[] };
  for (const p of spec.pass) assert.match(p, ciscoIos.session.prompt, `prompt ${p}`);
  for (const p of spec.fail) assert.doesNotMatch(p, ciscoIos.session.prompt, `not a prompt: ${p}`);
});

test('cisco_ios masks the usual secret lines and keeps their shape', () => {
  const config = [
    'enable secret 9 $9$abc',
    'username admin privilege 15 secret 9 $9$def',
    'snmp-server community s3cret RO',
    'snmp-server host 10.0.0.1 version 2c c0mm',
    ' neighbor 10.0.0.2 password 7 0822455D0A16',
    'tacacs-server key 7 0822455D0A16',
    ' ip ospf message-digest-key 1 md5 7 0822455D0A16',
    'end',
  ].join('\n');
  const masked = ciscoIos.maskSecrets(config);
  assert.equal(
    masked,
    [
      'enable secret 9 <masked>',
      'username admin privilege 15 secret 9 <masked>',
      'snmp-server community <masked> RO',
      'snmp-server host 10.0.0.1 version 2c <masked>',
      ' neighbor 10.0.0.2 password 7 <masked>',
      'tacacs-server key 7 <masked>',
      ' ip ospf message-digest-key 1 md5 7 <masked>',
      'end',
    ].join('\n'),
  );
});
