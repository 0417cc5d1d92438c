/** fortinet beyond the conformance suite: facts, ENC re-encryption, keys, VDOMs, completeness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fortinet } from '../../src/drivers/fortinet/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { MASK } from '../../src/drivers/common/text.js';
import { PullError } from '../../src/core/errors.js';
import { compareConfigs } from '../../src/drift/compare.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const CONFIG = 'show | grep .';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';
const drift = (a: string, b: string) =>
  compareConfigs(fortinet.maskSecrets(a), fortinet.maskSecrets(b), { ignore: fortinet.ignore, knowledge: fortinet.drift });

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(fortinet.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

/** A shell capture as the transport returns it: echo, CRLF lines, closing prompt. */
const shell = (command: string, body: string, prompt = 'FW1 # ') => `${command}\r\r\n${body.split('\n').join('\r\n')}\r\n\r\n${prompt}`;

test('fortinet facts from FortiGate and FortiManager transcripts', { skip: skipWithoutTranscripts }, () => {
  const facts = (file: string) => fortinet.parse(outputsOf(file)).facts;
  assert.deepEqual(facts('fortigate#FortiGate-91G_7.4.7#simulation.yaml'), {
    // The recorded `get system status` stops at `--More--`; the hostname comes from the config.
    hostname: 'TEST-FW1234',
    model: 'FortiGate-91G',
    os_version: '7.4.7,build2731',
    serial: 'FGT91GTK00000000',
  });
  assert.deepEqual(facts('fortigate#FortiGate-501E_vdomHAdown#simulation.yaml'), {
    hostname: 'OXI-FW121',
    model: 'FortiGate-501E',
    os_version: '7.4.8,build2795',
    serial: 'FG5H1E0000000000',
  });
  assert.deepEqual(facts('fortios#FMG-VM64_7.4.6#simulation.yaml'), {
    hostname: 'FortiMgr2',
    model: 'FMG-VM64',
    os_version: '7.4.6,build2588',
    serial: 'FMG-VMTM20000000',
  });
});

test('fortinet keeps the VDOM structure and drops conf_file_ver', { skip: skipWithoutTranscripts }, () => {
  const { config } = fortinet.parse(outputsOf('fortigate#FortiGate-501E_vdomHAdown#simulation.yaml'));
  assert.match(config, /^#config-version=FG5H1E-7\.4\.8/);
  assert.doesNotMatch(config, /conf_file_ver/);
  assert.match(config, /^config vdom\nedit root\nnext\nedit xxxx\n/m);
  assert.match(config, /config router multicast\nend\nend\n$/);
});

test('fortinet reads the autoupdate custom transcript too', { skip: skipWithoutTranscripts }, () => {
  const { config, facts } = fortinet.parse(outputsOf('fortigate#FortiGate-91G_7.4.7_autoupdate#custom_simulation.yaml'));
  assert.equal(config.split('\n').at(-2), 'end');
  assert.equal(facts.serial, 'FGT91GTK00000000');
});

test('fortinet: ENC values re-encrypted on every pull are not drift', () => {
  const pull = (salt: string) =>
    [
      'config system admin',
      '    edit "admin"',
      `        set password ENC SH2${salt}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=`,
      '    next',
      'end',
      'config vpn ipsec phase1-interface',
      '    edit "to-branch"',
      `        set psksecret ENC ${salt}/Qm9ndXNCYXNlNjRWYWx1ZQ==`,
      '    next',
      'end',
    ].join('\n') + '\n';
  const first = pull('x1Y2z3');
  const second = pull('Q9w8E7');
  assert.notEqual(first, second);
  assert.equal(fortinet.maskSecrets(first), fortinet.maskSecrets(second));
  assert.match(fortinet.maskSecrets(first), new RegExp(`set password ENC ${MASK}\\n`));
  assert.equal(drift(first, second).drifted, false);
  // A real change next to them still is.
  assert.equal(drift(first, second.replace('"to-branch"', '"to-hq"')).drifted, true);
});

test('fortinet masks private keys whole, keeps certificates, masks SNMP communities', () => {
  const config = [
    'config vpn certificate local',
    '    edit "srv"',
    '        set private-key "-----BEGIN RSA PRIVATE KEY-----',
    'MIIEowIBAAKCAQEAsecretsecretsecretsecretsecretsecretsecretsecret',
    'c2VjcmV0c2VjcmV0c2VjcmV0==',
    '-----END RSA PRIVATE KEY-----"',
    '        set certificate "-----BEGIN CERTIFICATE-----',
    'MIIDXTCCAkWgAwIBAgIJAKL0UG+mRKmzMA0GCSqGSIb3DQEBCwUAMEUxCzAJBgNV',
    '-----END CERTIFICATE-----"',
    '        set ssh-public-key1 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdmin admin@laptop"',
    '    next',
    'end',
    'config system snmp community',
    '    edit 1',
    '        set name "s3cr3t-ro"',
    '        config hosts',
    '            edit 1',
    '                set ip 192.0.2.10 255.255.255.255',
    '            next',
    '        end',
    '    next',
    'end',
    'config system interface',
    '    edit "port1"',
    '        set name "not-a-community"',
    '    next',
    'end',
  ].join('\n');
  const masked = fortinet.maskSecrets(config);
  assert.match(masked, new RegExp(`set private-key ${MASK}\\n        set certificate "-----BEGIN CERTIFICATE-----\\nMIIDXTCC`));
  assert.doesNotMatch(masked, /secretsecret|c2VjcmV0|PRIVATE KEY|s3cr3t-ro/);
  assert.match(masked, /set ssh-public-key1 "ssh-ed25519 AAAA/);
  assert.match(masked, new RegExp(`set name ${MASK}\\n`));
  assert.match(masked, /set name "not-a-community"/);
  assert.equal(fortinet.maskSecrets(masked), masked, 'idempotent');
});

test('fortinet: FortiGuard renumbering the ISDB names block is not drift', () => {
  const isdb = (id: number) => `config firewall internet-service-name\n    edit "Google-Web"\n        set internet-service-id ${id}\n    next\nend\n`;
  assert.equal(drift(isdb(65537), isdb(65600)).drifted, false);
});

test('fortinet falls back to plain `show` when `| grep` is refused (FortiManager)', () => {
  const body = 'config system global\n    set hostname "fmg1"\nend';
  const outputs = {
    'get system status': shell('get system status', 'Platform Type                   : FMG-VM64\nHostname                        : fmg1'),
    [CONFIG]: shell(CONFIG, "command parse error before '|'\nCommand fail. Return code 1"),
    show: shell('show', body),
  };
  const { config, facts } = fortinet.parse(outputs);
  assert.equal(config, body + '\n');
  assert.equal(facts.hostname, 'fmg1');
});

test('fortinet cleans a paged `show` (pager answered by the responder)', () => {
  const paged = 'show\r\r\nconfig system global\r\n    set hostname "fw1"\r\n--More-- \r         \r    set timezone 26\r\nend\r\n\r\nFW1 # ';
  const { config } = fortinet.parse({ show: paged });
  assert.equal(config, 'config system global\n    set hostname "fw1"\n    set timezone 26\nend\n');
});

test('fortinet refuses configs cut inside a block, a quoted value or the first line of a block', () => {
  const whole = [
    '#config-version=FGT60F-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin',
    'config system global',
    '    set hostname "fw1"',
    'end',
    'config system replacemsg admin "pre_admin-disclaimer-text"',
    '    set buffer "line one',
    'end of the world',
    'config is not a keyword here"',
    'end',
  ].join('\n');
  assert.doesNotThrow(() => fortinet.parse({ [CONFIG]: shell(CONFIG, whole) }));
  const cuts = [whole.indexOf('    set hostname'), whole.indexOf('end of the world') + 3, whole.indexOf('config system replacemsg') + 4];
  for (const at of cuts) {
    assert.throws(() => fortinet.parse({ [CONFIG]: whole.slice(0, at) }), incomplete, JSON.stringify(whole.slice(at - 15, at)));
  }
  assert.throws(() => fortinet.parse({ [CONFIG]: shell(CONFIG, 'Unknown action 0') }), incomplete);
});

test('fortinet answers the pager and the post-login disclaimer', () => {
  const responders = fortinet.session.responders ?? [];
  const answer = (line: string) => responders.find((r) => r.pattern.test(line))?.answer;
  assert.equal(answer('--More-- '), ' ');
  assert.equal(answer("(Press 'a' to accept):"), 'a');
  assert.equal(answer('    set hostname "fw1"'), undefined);
});

test('fortinet prompts include VDOM and config-mode contexts', () => {
  for (const p of ['FW1 # ', 'FW1 (global) # ', 'FW1 (root) # ', 'FW1 (interface) # ', 'fw-a(Secondary) $ ']) {
    assert.match(p, fortinet.session.prompt, p);
  }
  for (const p of ['    set hostname "fw1"', 'end', 'Version: FortiGate-91G v7.4.7,build2731,250120 (GA.M)']) {
    assert.doesNotMatch(p, fortinet.session.prompt, p);
  }
});
