/** arista_eos beyond the conformance suite: facts from the `! device:` line and the inventory table, masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aristaEos, tableValue } from '../../src/drivers/arista_eos/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const FILE = 'eos#DCS-7050SX3-48YC8_4.29.2F#simulation.yaml';
const CONFIG = 'show running-config | no-more | exclude ! Time:';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(aristaEos.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('arista_eos facts from the 7050SX3 transcript', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(aristaEos.parse(outputsOf(FILE)).facts, {
    hostname: 'eos-test-01',
    model: 'DCS-7050SX3-48YC8',
    os_version: '4.29.2F',
    serial: 'SSJ00000000',
  });
});

test('arista_eos reads inventory table columns by their ruler, even with an empty cell', () => {
  const table = ['  HW Version    Serial Number    Mfg Date', '  ------------  ---------------  ----------', '                JPE1234          2021-05-14'].join('\n');
  assert.equal(tableValue(table, 'Serial Number'), 'JPE1234');
  assert.equal(tableValue(table, 'HW Version'), undefined);
  assert.equal(tableValue(table, 'Nothing'), undefined);
});

test('arista_eos keeps the config to its end and refuses it without', () => {
  const config = `${CONFIG}\n! Command: show running-config\n! Time: Mon Dec  1 14:37:04 2025\n! device: sw1 (DCS-7280SR-48C6, EOS-4.31.1F)\n!\nhostname sw1\n!\nend\nsw1#`;
  const parsed = aristaEos.parse({ [CONFIG]: config });
  assert.equal(parsed.config, '! Command: show running-config\n! device: sw1 (DCS-7280SR-48C6, EOS-4.31.1F)\n!\nhostname sw1\n!\nend\n');
  assert.throws(
    () => aristaEos.parse({ [CONFIG]: config.replace('end\nsw1#', 'interf') }),
    (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output',
  );
});

test('arista_eos masks EOS secret syntax with the fixture texts, idempotently', () => {
  const config = [
    'snmp-server community publ1c ro SNMP-ACL',
    'snmp-server host 10.1.2.3 vrf MGMT version 2c tr4p',
    'snmp-server user nms grp v3 localized 0123abcd auth sha256 a1b2 priv aes256 c3d4',
    'username admin privilege 15 role network-admin secret sha512 $6$salt$hash',
    'username ops secret 5 $1$abc$def',
    'enable password sha512 $6$x$y',
    'aaa root secret sha512 $6$r$s',
    'tacacs-server host 10.0.0.20 key 7 070C285F4D06',
    'router bgp 65000',
    '   neighbor 10.0.0.2 password 7 AbCdEf==',
    'router isis CORE',
    '   authentication key 7 0xdead level-2',
  ].join('\n');
  const masked = aristaEos.maskSecrets(config);
  assert.equal(
    masked,
    [
      'snmp-server community <configuration removed> ro SNMP-ACL',
      'snmp-server host 10.1.2.3 vrf MGMT version 2c <secret hidden>',
      'snmp-server user nms grp v3 localized 0123abcd auth sha256 <secret hidden> priv aes256 <secret hidden>',
      'username admin privilege 15 role network-admin secret sha512 <secret hidden>',
      'username ops secret 5 <secret hidden>',
      'enable password sha512 <secret hidden>',
      'aaa root secret sha512 <secret hidden>',
      'tacacs-server host 10.0.0.20 key 7 <secret hidden>',
      'router bgp 65000',
      '   neighbor 10.0.0.2 password 7 <secret hidden>',
      'router isis CORE',
      '   authentication key 7 <secret hidden> level-2',
    ].join('\n'),
  );
  assert.equal(aristaEos.maskSecrets(masked), masked);
});
