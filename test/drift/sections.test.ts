import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConfigs } from '../../src/drift/compare.js';
import { keywordLabel, sectionLabel } from '../../src/drift/sections.js';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';

const BASE = ['hostname r1', '!', 'interface Gi1/0/1', ' description uplink', '!', 'line vty 0 4', ' transport input ssh', '!', 'end', ''].join('\n');

test('a top-level changed line is labelled by its keyword, never by its own text (which may hold a secret)', () => {
  const current = BASE.replace('hostname r1\n', 'hostname r1\nusername backdoor privilege 15 secret 9 <masked>\n').replace(' transport input ssh', ' transport input ssh telnet');
  const r = compareConfigs(BASE, current, { ignore: [], knowledge: ciscoIos.drift });
  assert.deepEqual(r.sections, ['username', 'line vty 0 4']);
  assert.ok(!r.sections.some((s) => s.includes('backdoor') || s.includes('secret')));
  assert.match(r.diff, /^@@ [^@]+ @@ username$/m);
});

test('a changed `!` separator is never a section, and does not steal the hunk label', () => {
  const current = BASE.replace('!\nline vty', '!\n!\ninterface Gi1/0/2\n shutdown\n!\nline vty');
  const r = compareConfigs(BASE, current, { ignore: [], knowledge: ciscoIos.drift });
  assert.deepEqual(r.sections, ['interface Gi1/0/2']);
  assert.ok(!r.sections.includes('!'));
  assert.match(r.diff, /^@@ [^@]+ @@ interface Gi1\/0\/2$/m);
});

test('a section header is its own section only when the driver (or the indentation) says it opens one', () => {
  const lines = ['ntp server 10.0.0.1', 'line vty 5 15', ' login', 'logging host 10.1.1.1', '  !', 'snmp-server community s3cret RO'];
  assert.equal(sectionLabel(lines, 1, ciscoIos.drift), 'line vty 5 15');
  assert.equal(sectionLabel(lines, 2, ciscoIos.drift), 'line vty 5 15');
  assert.equal(sectionLabel(lines, 0, ciscoIos.drift), 'ntp');
  assert.equal(sectionLabel(lines, 3, ciscoIos.drift), 'logging');
  assert.equal(sectionLabel(lines, 4, ciscoIos.drift), '');
  assert.equal(sectionLabel(lines, 5, ciscoIos.drift), 'snmp-server community');
  // Without driver knowledge, indented children make a section.
  assert.equal(sectionLabel(lines, 1), 'line vty 5 15');
  assert.equal(sectionLabel(['router bgp 65000', '!'], 0), 'router');
});

test('keyword labels keep only keywords: no names, numbers or addresses', () => {
  assert.equal(keywordLabel('ip route 0.0.0.0 0.0.0.0 10.0.0.1'), 'ip route');
  assert.equal(keywordLabel('no ip domain-lookup'), 'ip domain-lookup');
  assert.equal(keywordLabel('10.0.0.1 host'), '');
  assert.equal(keywordLabel('"quoted" x'), '');
  assert.equal(keywordLabel('set system login user x'), 'set system');
});

test('flat sections (Linux item headers) label the unindented lines under them; an indented block does not', async () => {
  const { linux } = await import('../../src/drivers/linux/index.js');
  const lines = ['### file: /etc/ssh/sshd_config', 'PermitRootLogin no', 'Port 22', '### command: ss -tlnp', 'LISTEN 0 128 *:22'];
  assert.equal(sectionLabel(lines, 1, linux.drift), '### file: /etc/ssh/sshd_config');
  assert.equal(sectionLabel(lines, 4, linux.drift), '### command: ss -tlnp');
  const ios = ['interface Gi1', ' shutdown', 'username x secret 5 $1$abc'];
  assert.equal(sectionLabel(ios, 2, ciscoIos.drift), 'username', 'a top-level line after an indented block is not inside it');
});

test('a line that matches a section pattern but owns no block is labelled by its keyword (its text may hold a secret)', () => {
  const ios = ['interface Gi1', ' shutdown', '!', 'crypto isakmp key <masked> address 10.0.0.1', 'banner motd ^C', 'Authorized use only', '^C'];
  assert.equal(sectionLabel(ios, 3, ciscoIos.drift), 'crypto');
  assert.equal(sectionLabel(ios, 4, ciscoIos.drift), 'banner');
  assert.equal(sectionLabel(ios, 0, ciscoIos.drift), 'interface Gi1');
});
