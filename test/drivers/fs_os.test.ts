/** fs_os beyond the conformance suite: facts, FSOS mask syntax, completeness without an `end`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fsOs } from '../../src/drivers/fs_os/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const FILE = 'fsos#S3400-48T4SP_2.0.2J-120538#simulation.yaml';
const CONFIG = 'show running-config';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(fsOs.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('fs_os facts from the S3400 transcript', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(fsOs.parse(outputsOf(FILE)).facts, {
    hostname: 'FS-LAB-OXI',
    model: 'S3400-48T4SP',
    os_version: '2.0.2J Build 120538',
    serial: 'CG2XXXXXX',
    image: 'Switch.bin',
  });
});

test('fs_os stores from the banner on, without the prompt', { skip: skipWithoutTranscripts }, () => {
  const { config } = fsOs.parse(outputsOf(FILE));
  assert.match(config, /^Current configuration:\n!\n!version 2\.0\.2J build 120538\n/);
  assert.match(config, /ntp server 82\.65\.248\.56 version 4\n!\n!\n!\n$/);
  assert.doesNotMatch(config, /Building configuration|FS-LAB-OXI#/);
});

test('fs_os refuses a capture cut before the prompt, or without the config banner', { skip: skipWithoutTranscripts }, () => {
  const outputs = outputsOf(FILE);
  assert.throws(() => fsOs.parse({ ...outputs, [CONFIG]: outputs[CONFIG]!.replace(/FS-LAB-OXI#$/, '') }), incomplete);
  assert.throws(() => fsOs.parse({ ...outputs, [CONFIG]: 'show running-config\n% Unknown command.\nFS-LAB-OXI#' }), incomplete);
});

test('fs_os masks both SNMPv3 keys, typed communities and server keys', () => {
  const masked = fsOs.maskSecrets(
    [
      'snmp-server user u u v3 priv aes256-c auth sha256 7 77fea4 efa1f3',
      'snmp-server community 7 114f45 RO ACL_SNMP',
      'snmp-server community 0 plain RW',
      'snmp-server host 192.168.1.3 public snmp',
      'snmp-server host 192.168.1.4 version 2c c0mm',
      ' server 1.2.3.4 key 7 09341b',
      'enable password 7 0932840928a2',
      'service password-encryption',
    ].join('\n'),
  );
  assert.equal(
    masked,
    [
      'snmp-server user u u v3 priv aes256-c auth sha256 7 <secret hidden>',
      'snmp-server community 7 <secret hidden> RO ACL_SNMP',
      'snmp-server community 0 <secret hidden> RW',
      'snmp-server host 192.168.1.3 <secret hidden> snmp',
      'snmp-server host 192.168.1.4 version 2c <secret hidden>',
      ' server 1.2.3.4 key 7 <secret hidden>',
      'enable password 7 <secret hidden>',
      'service password-encryption',
    ].join('\n'),
  );
  assert.equal(fsOs.maskSecrets(masked), masked);
});
