/** mellanox_mlnxos: the Onyx transcript pages with a less-style prompt; checks run on the replay. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mellanoxMlnxos } from '../../src/drivers/mellanox_mlnxos/index.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { checkConformance } from '../helpers/conformance-checks.js';
import { replayOutputs } from '../helpers/replay.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const FILE = 'mlnxos#Onyx_3.9.2504#simulation.yaml';
const outputs = () => replayOutputs(loadTranscript(transcriptPath(FILE)), mellanoxMlnxos.session, mellanoxMlnxos.commands);

test('mellanox_mlnxos passes the conformance checks (pager answers followed)', { skip: skipWithoutTranscripts }, () => {
  const stored = checkConformance(mellanoxMlnxos, FILE, outputs());
  assert.doesNotMatch(stored, /^lines \d+-\d+/m, 'pager prompt left');
  assert.doesNotMatch(stored, /Generated at/, 'timestamp left');
  assert.match(stored, /congestion-control ecn minimum-relative 75 maximum-relative 95$/m, 'backspace redraw resolved');
});

test('mellanox_mlnxos facts', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(mellanoxMlnxos.parse(outputs()).facts, {
    hostname: 'hsb2-slf-3-6',
    model: 'x86onie',
    os_version: '3.9.2504',
    serial: undefined,
    image: 'X86_64 3.9.2504 2021-04-29 06:31:55 x86_64',
  });
});

test('mellanox_mlnxos masks user passwords, communities and server keys', () => {
  const config = [
    '   username admin password 7 $6$abcdef',
    '   snmp-server community s3cret ro',
    '   snmp-server user bob v3 auth sha aaa priv aes-128 bbb',
    '   radius-server host 10.0.0.1 key 7 xyz',
    '   tacacs-server key ********',
    '',
  ].join('\n');
  const masked = mellanoxMlnxos.maskSecrets(config);
  assert.equal(
    masked,
    [
      '   username admin password 7 <masked>',
      '   snmp-server community <masked> ro',
      '   snmp-server user bob v3 auth sha <masked> priv aes-128 <masked>',
      '   radius-server host 10.0.0.1 key 7 <masked>',
      '   tacacs-server key <masked>',
      '',
    ].join('\n'),
  );
  assert.equal(mellanoxMlnxos.maskSecrets(masked), masked);
});

test('mellanox_mlnxos prompt patterns hold mlnxos#generic#prompt.yaml', { skip: skipWithoutTranscripts }, async () => {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const spec = parse(readFileSync(transcriptPath('mlnxos#generic#prompt.yaml'), 'utf8')) as { pass: string[] };
  for (const p of spec.pass) assert.match(p, mellanoxMlnxos.session.prompt, JSON.stringify(p));
  assert.match(' [standalone: master] > ', mellanoxMlnxos.session.enable!.unprivilegedPrompt);
  assert.doesNotMatch(' [standalone: master] # ', mellanoxMlnxos.session.enable!.unprivilegedPrompt);
});
