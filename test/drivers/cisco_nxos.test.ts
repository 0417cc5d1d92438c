/** cisco_nxos beyond the conformance suite: facts, inventory fallback, NX-OS mask syntax, completeness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ciscoNxos } from '../../src/drivers/cisco_nxos/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const CONFIG = 'show running-config';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(ciscoNxos.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('cisco_nxos facts from the C93180YC transcript', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(ciscoNxos.parse(outputsOf('nxos#C93180YC-FX3J_10.4.5#simulation.yaml')).facts, {
    hostname: 'TEST-12345',
    model: 'N9K-C93180YC-FX3H',
    os_version: '10.4(5)',
    serial: 'FDO20000000',
    image: 'bootflash:///nxos64-cs.10.4.5.M.bin',
  });
});

test('cisco_nxos drops the per-pull header lines and keeps the rest', { skip: skipWithoutTranscripts }, () => {
  const { config } = ciscoNxos.parse(outputsOf('nxos#C93180YC-FX3J_10.4.5#simulation.yaml'));
  assert.doesNotMatch(config, /!Time:|!Running configuration last done at/);
  assert.match(config, /^!Command: show running-config\n\nversion 10\.4\(5\) Bios:version 01\.11\nhostname TEST-12345\n/);
});

test('cisco_nxos takes plain show inventory when the release refuses "all"', () => {
  const outputs = {
    'show version': 'show version\r\n  NXOS: version 9.3(8)\r\n  cisco Nexus9000 C9336C-FX2 Chassis\r\n  Processor Board ID FDO111\r\nsw1# ',
    'show inventory all': "show inventory all\r\n                           ^\r\n% Invalid parameter detected at '^' marker.\r\nsw1# ",
    'show inventory': 'show inventory\r\nNAME: "Chassis",  DESCR: "Nexus9000 C9336C-FX2 Chassis"\r\nPID: N9K-C9336C-FX2      ,  VID: V02 ,  SN: FDO222\r\n\r\nsw1# ',
    [CONFIG]: 'show running-config\r\n\r\n!Command: show running-config\r\n!Time: Mon Dec  1 14:37:04 2025\r\n\r\nversion 9.3(8)\r\nhostname sw1\r\n\r\nsw1# ',
  };
  assert.deepEqual(ciscoNxos.parse(outputs).facts, { hostname: 'sw1', model: 'N9K-C9336C-FX2', os_version: '9.3(8)', serial: 'FDO222', image: undefined });
  // Without any inventory, show version answers.
  const noInventory = { ...outputs, 'show inventory': '' };
  assert.equal(ciscoNxos.parse(noInventory).facts.model, 'C9336C-FX2');
  assert.equal(ciscoNxos.parse(noInventory).facts.serial, 'FDO111');
});

test('cisco_nxos refuses output that is cut before the prompt or is no config', () => {
  const header = 'show running-config\r\n\r\n!Command: show running-config\r\nversion 10.4(5)\r\nhostname sw1\r\n';
  assert.throws(() => ciscoNxos.parse({ [CONFIG]: header + 'interface Ethernet1/1\r\n  descr' }), incomplete);
  assert.throws(() => ciscoNxos.parse({ [CONFIG]: 'show running-config\r\n% Permission denied\r\nsw1# ' }), incomplete);
  assert.doesNotThrow(() => ciscoNxos.parse({ [CONFIG]: header + '\r\nsw1# ' }));
});

test('cisco_nxos masks NX-OS secret syntax with <secret hidden>, idempotently', () => {
  const config = [
    'username admin password 5 $5$ABCDEF$xyz  role network-admin',
    'snmp-server user admin network-admin auth md5 0x1234 priv aes-128 0x5678 localizedkey',
    'snmp-server user ops network-operator auth sha 0xabcd localizedkey',
    'snmp-server host 10.0.0.1 traps version 2c c0mmun1ty',
    'snmp-server host 10.0.0.1 use-vrf management',
    'snmp-server community publ1c group network-operator',
    'tacacs-server key 7 "k3y"',
    'radius-server host 10.0.0.2 key 7 "r4d" authentication accounting',
    'key chain KC',
    '  key 1',
    '    key-string 7 070C285F4D06',
    'router bgp 65000',
    '  neighbor 10.0.0.3',
    '    password 3 0x7fa0',
    'interface Vlan10',
    '  ip ospf authentication-key 3 0xa1b2',
    '  hsrp 10',
    '    authentication md5 key-string h5rp',
  ].join('\n');
  const masked = ciscoNxos.maskSecrets(config);
  assert.equal(
    masked,
    [
      'username admin password 5 <secret hidden>  role network-admin',
      'snmp-server user admin network-admin auth md5 <secret hidden> priv aes-128 <secret hidden> localizedkey',
      'snmp-server user ops network-operator auth sha <secret hidden> localizedkey',
      'snmp-server host 10.0.0.1 traps version 2c <secret hidden>',
      'snmp-server host 10.0.0.1 use-vrf management',
      'snmp-server community <secret hidden> group network-operator',
      'tacacs-server key 7 <secret hidden>',
      'radius-server host 10.0.0.2 key 7 <secret hidden> authentication accounting',
      'key chain KC',
      '  key 1',
      '    key-string 7 <secret hidden>',
      'router bgp 65000',
      '  neighbor 10.0.0.3',
      '    password 3 <secret hidden>',
      'interface Vlan10',
      '  ip ospf authentication-key 3 <secret hidden>',
      '  hsrp 10',
      '    authentication md5 key-string <secret hidden>',
    ].join('\n'),
  );
  assert.equal(ciscoNxos.maskSecrets(masked), masked);
});
