/**
 * tnsr: every transcript pages its output, so the pure conformance checks run on outputs that
 * follow the recorded pager answers (as the transport collects them), plus facts and masks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tnsr } from '../../src/drivers/tnsr/index.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { checkConformance } from '../helpers/conformance-checks.js';
import { replayOutputs } from '../helpers/replay.js';
import { skipWithoutTranscripts, transcriptFiles, transcriptPath } from '../helpers/transcripts.js';

const outputsOf = (file: string) => replayOutputs(loadTranscript(transcriptPath(file)), tnsr.session, tnsr.commands);

test('tnsr passes the conformance checks on every transcript (pager answers followed)', { skip: skipWithoutTranscripts }, () => {
  const files = transcriptFiles('tnsr', 'simulation.yaml');
  assert.equal(files.length, 5);
  for (const file of files) checkConformance(tnsr, file, outputsOf(file));
});

test('tnsr: a pager in the middle of a line and right before the prompt leave no trace', { skip: skipWithoutTranscripts }, () => {
  const misplaced = tnsr.parse(outputsOf('tnsr#TNSR_23.06-3_with-misplaced-pager#simulation.yaml')).config;
  assert.match(misplaced, /^snmp access group-name ROGroup prefix exact model v2c level noauth read systemvi\n\nssh dataplane enable\n$/m);
  assert.match(misplaced, /^    enable true\n    global authentication-type user$/m);
  const last = tnsr.parse(outputsOf('tnsr#TNSR_25.02-2_long-config-and-pager-at-last-line#simulation.yaml')).config;
  assert.match(last, /read systemview write none\n$/);
});

test('tnsr facts', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(tnsr.parse(outputsOf('tnsr#TNSR_23.06-3_with-misplaced-pager#simulation.yaml')).facts, {
    hostname: 'core01',
    os_version: '23.06-3',
    model: 'TNSR',
    serial: undefined,
    image: '23.06-3+tnsr-v23.06-3+jammy',
  });
  const f = tnsr.parse(outputsOf('tnsr#TNSR_25.02-2_long-config-and-pager-at-last-line#simulation.yaml')).facts;
  assert.equal(f.os_version, '25.02-2');
  assert.equal(f.hostname, 'bgp01');
});

test('tnsr masks passwords and communities with the texts the fixtures expect', () => {
  const config = ['auth user nagios', '    password $6$abc/def', 'exit', '            password abcdABCD1234!@#', 'snmp community community-name public source 10.0.0.1/32 security-name Cacti', ''].join('\n');
  const masked = tnsr.maskSecrets(config);
  assert.equal(
    masked,
    ['auth user nagios', '    password <secret hidden>', 'exit', '            password <secret hidden>', 'snmp community community-name <configuration removed> source 10.0.0.1/32 security-name Cacti', ''].join('\n'),
  );
  assert.equal(tnsr.maskSecrets(masked), masked);
});

test('tnsr refuses a capture that stops at a pager', () => {
  const raw = 'show configuration running cli\n\rnacm disable\nrestconf\n    enable true\n--More--';
  assert.throws(() => tnsr.parse({ [tnsr.commands[2]!]: raw }), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output');
});

test('tnsr prompt pattern holds tnsr#generic#prompt.yaml (raw, with pager erase bytes)', { skip: skipWithoutTranscripts }, async () => {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const spec = parse(readFileSync(transcriptPath('tnsr#generic#prompt.yaml'), 'utf8')) as { pass: string[] };
  for (const p of spec.pass) assert.match(p, tnsr.session.prompt, JSON.stringify(p));
  assert.doesNotMatch('    enable true', tnsr.session.prompt);
});
