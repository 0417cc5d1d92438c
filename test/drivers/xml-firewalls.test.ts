/** opnsense and pfsense: facts, masks, the revision stamp that is kept but not drift, truncation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opnsense } from '../../src/drivers/opnsense/index.js';
import { pfsense } from '../../src/drivers/pfsense/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import type { Driver } from '../../src/drivers/types.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

function parseFile(driver: Driver, file: string) {
  const t = loadTranscript(transcriptPath(file));
  return driver.parse(Object.fromEntries(driver.commands.map((c) => [c, answerFor(t, c) ?? ''])));
}

test('opnsense and pfsense facts', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(parseFile(opnsense, 'opnsense#nano_23.7#simulation.yaml').facts, { hostname: 'OPNsense', model: 'OPNsense', os_version: '23.7' });
  assert.deepEqual(parseFile(pfsense, 'pfsense#CE_2.7.2#simulation.yaml').facts, { hostname: 'pfSense', model: 'pfSense', os_version: '2.7.2-RELEASE' });
});

test('opnsense and pfsense mask hashes, keys and communities, not structure', { skip: skipWithoutTranscripts }, () => {
  for (const [driver, file] of [[opnsense, 'opnsense#nano_23.7#simulation.yaml'], [pfsense, 'pfsense#CE_2.7.2#simulation.yaml']] as const) {
    const stored = driver.maskSecrets(parseFile(driver, file).config);
    assert.doesNotMatch(stored, /\$2[aby]\$|LS0tLS1CRUdJTiBQUklWQVRF|<rocommunity>public/, file);
    assert.match(stored, /<rocommunity><masked><\/rocommunity>/);
    assert.match(stored, /<prv><masked><\/prv>/);
    assert.match(stored, /<crt>LS0t/, 'certificates are public and kept');
    assert.equal(driver.maskSecrets(stored), stored);
  }
  const xml = '<pfsense>\n\t<user>\n\t\t<password></password>\n\t\t<psk>\n\t\t\t<![CDATA[a<b]]>\n\t\t</psk>\n\t\t<key>\n\t\t\t<item>1</item>\n\t\t</key>\n\t</user>\n</pfsense>';
  assert.equal(
    pfsense.maskSecrets(xml),
    '<pfsense>\n\t<user>\n\t\t<password></password>\n\t\t<psk><masked></psk>\n\t\t<key>\n\t\t\t<item>1</item>\n\t\t</key>\n\t</user>\n</pfsense>',
  );
});

test('the revision stamp is stored but its change alone is not drift', { skip: skipWithoutTranscripts }, () => {
  const stamps = [
    ...parseFile(pfsense, 'pfsense#CE_2.7.2#simulation.yaml').config.split('\n'),
    ...parseFile(opnsense, 'opnsense#nano_23.7#simulation.yaml').config.split('\n'),
  ].filter((l) => pfsense.ignore.some((r) => r.test(l)));
  assert.deepEqual(stamps.map((l) => l.trim()), [
    '<time>1734429642</time>',
    '<description><![CDATA[admin@192.168.248.1 (Local Database): Admin Access Advanced Settings saved]]></description>',
    '<username><![CDATA[admin@192.168.248.1 (Local Database)]]></username>',
    '<username>root@192.168.129.61</username>',
    '<time>1697523061.7323</time>',
    '<description>/system_advanced_admin.php made changes</description>',
  ]);
  for (const line of ['\t\t\t<username>vpnuser</username>', '\t\t<description>Uplink to ISP</description>']) {
    assert.ok(!pfsense.ignore.some((r) => r.test(line)), line);
  }
});

test('a config.xml without its closing root element is incomplete', () => {
  const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';
  assert.throws(() => pfsense.parse({ 'cat /cf/conf/config.xml': '<?xml version="1.0"?>\n<pfsense>\n\t<system>\n' }), incomplete);
  assert.throws(() => opnsense.parse({ 'cat /conf/config.xml': '' }), incomplete);
  assert.throws(
    () => pfsense.parse({ 'cat /cf/conf/config.xml': 'cat: /cf/conf/config.xml: No such file or directory\n' }),
    (e: unknown) => e instanceof PullError && e.kind === 'protocol',
  );
});
