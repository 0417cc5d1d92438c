/** cisco_asa beyond the conformance suite: facts, saved-config comments, masks, multiple-context pulls. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ciscoAsa } from '../../src/drivers/cisco_asa/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const FILE = 'asa#5512_9.12-4-67_single-context#simulation.yaml';
const CONFIG = 'more system:running-config';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(ciscoAsa.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('cisco_asa facts from the 5512 transcript', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(ciscoAsa.parse(outputsOf(FILE)).facts, {
    hostname: 'LAB-ASA12-Oxidized-IPv6',
    model: 'ASA5512',
    os_version: '9.12(4)67',
    serial: 'FCH17AAAAAA',
    image: 'disk0:/asa9-12-4-67-smp-k8.bin',
  });
});

test('cisco_asa drops the saved-config comments, keeps the checksum but ignores it', { skip: skipWithoutTranscripts }, () => {
  const { config } = ciscoAsa.parse(outputsOf(FILE));
  assert.doesNotMatch(config, /^:/m);
  assert.match(config, /^!\nASA Version 9\.12\(4\)67\n!\nhostname /);
  assert.match(config, /\npassword encryption aes\nCryptochecksum:d+f+e+\n$/);
  assert.ok(ciscoAsa.ignore.some((r) => r.test('Cryptochecksum:dddddddddffffffffffffffeeeeeeeee')));
});

// Oxidized's patterns are Ruby regexes, where ^ and $ match at every line: hence the `m` flag.
test('cisco_asa holds secret.yaml with Ruby line anchors', { skip: skipWithoutTranscripts }, () => {
  const stored = ciscoAsa.maskSecrets(ciscoAsa.parse(outputsOf(FILE)).config);
  const spec = parseYaml(readFileSync(transcriptPath(FILE.replace('simulation', 'secret')), 'utf8')) as { pass: string[]; fail: string[] };
  for (const p of spec.pass) assert.match(stored, new RegExp(p, 'm'));
  for (const p of spec.fail) assert.ok(!stored.includes(p), `secret left: ${p}`);
});

test('cisco_asa masks VPN, SNMP, failover and AAA secrets with <secret hidden>, idempotently', () => {
  const config = [
    'passwd 2KFQnbNIdI.2KYOU encrypted',
    'username admin password $sha512$5000$abc== pbkdf2 privilege 15',
    'tunnel-group 203.0.113.9 ipsec-attributes',
    ' ikev1 pre-shared-key v3ryS3cret',
    ' ikev2 remote-authentication pre-shared-key r3mote',
    ' ikev2 local-authentication pre-shared-key l0cal',
    'aaa-server LDAP (inside) host 10.0.0.5',
    ' ldap-login-password ldapPw',
    'snmp-server host inside 10.0.0.9 community c0mm version 2c',
    'snmp-server community publ1c',
    'snmp-server user nms grp v3 engineID 80000009 encrypted auth sha 1a:2b priv aes 256 3c:4d',
    'failover key f41l0ver',
    'ntp authentication-key 1 md5 ntpK3y',
    'password encryption aes',
  ].join('\n');
  const masked = ciscoAsa.maskSecrets(config);
  assert.equal(
    masked,
    [
      'passwd <secret hidden> encrypted',
      'username admin password <secret hidden> pbkdf2 privilege 15',
      'tunnel-group 203.0.113.9 ipsec-attributes',
      ' ikev1 pre-shared-key <secret hidden>',
      ' ikev2 remote-authentication pre-shared-key <secret hidden>',
      ' ikev2 local-authentication pre-shared-key <secret hidden>',
      'aaa-server LDAP (inside) host 10.0.0.5',
      ' ldap-login-password <secret hidden>',
      'snmp-server host inside 10.0.0.9 community <secret hidden> version 2c',
      'snmp-server community <secret hidden>',
      'snmp-server user nms grp v3 engineID 80000009 encrypted auth sha <secret hidden> priv aes 256 <secret hidden>',
      'failover key <secret hidden>',
      'ntp authentication-key 1 md5 <secret hidden>',
      'password encryption aes',
    ].join('\n'),
  );
  assert.equal(ciscoAsa.maskSecrets(masked), masked);
});

test('cisco_asa multiple-context: system config plus each listed context file', () => {
  const commands = ciscoAsa.commandsFor!({ files: ['disk0:/admin.cfg', 'disk0:/dmz.cfg'] });
  assert.deepEqual(commands, [
    'changeto system', 'terminal pager 0', 'show version', 'show inventory', CONFIG, 'more disk0:/admin.cfg', 'more disk0:/dmz.cfg',
  ]);
  assert.deepEqual(ciscoAsa.commandsFor!({}), ciscoAsa.commands);
  const saved = (cmd: string, body: string) => `${cmd}\r\n: Saved\r\n: Written by enable_15 at 10:00:00.000 CEST Mon Oct 21 2024\r\n!\r\n${body}\r\nCryptochecksum:abc\r\n: end\r\nfw# `;
  const outputs = {
    'changeto system': 'changeto system\r\nfw# ',
    [CONFIG]: saved(CONFIG, 'hostname fw\r\ncontext admin\r\n  config-url disk0:/admin.cfg\r\ncontext dmz\r\n  config-url disk0:/dmz.cfg'),
    'more disk0:/admin.cfg': saved('more disk0:/admin.cfg', 'hostname admin\r\nusername a password x pbkdf2'),
    'more disk0:/dmz.cfg': saved('more disk0:/dmz.cfg', 'hostname dmz\r\naccess-list OUT extended permit tcp any any eq 443'),
  };
  const { config } = ciscoAsa.parse(outputs);
  assert.match(config, /^!\nhostname fw\ncontext admin\n[\s\S]*Cryptochecksum:abc\n! context config disk0:\/admin\.cfg\n!\nhostname admin\n/);
  assert.match(config, /! context config disk0:\/dmz\.cfg\n!\nhostname dmz\naccess-list OUT extended permit tcp any any eq 443\nCryptochecksum:abc\n$/);
  const cut = { ...outputs, 'more disk0:/dmz.cfg': outputs['more disk0:/dmz.cfg'].slice(0, 60) };
  assert.throws(() => ciscoAsa.parse(cut), incomplete);
});

test('cisco_asa prompt covers contexts and config modes', () => {
  for (const p of ['\rfw>', 'fw/admin# ', 'fw/dmz(config)#', 'LAB-ASA12-Oxidized-IPv6#']) assert.match(p, ciscoAsa.session.prompt);
  assert.match('fw/admin> ', ciscoAsa.session.enable!.unprivilegedPrompt);
});
