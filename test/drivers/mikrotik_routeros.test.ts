/** mikrotik_routeros beyond the conformance suite: facts, header lines, masks, export structure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mikrotikRouteros as ros } from '../../src/drivers/mikrotik_routeros/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { MASK } from '../../src/drivers/common/text.js';
import { PullError } from '../../src/core/errors.js';
import { compareConfigs } from '../../src/drift/compare.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const EXPORT = '/export show-sensitive';
const kind = (k: string) => (e: unknown) => e instanceof PullError && e.kind === k;

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(ros.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

const exported = (body: string) => `# 2025-05-30 11:07:28 by RouterOS 7.16\n# software id = AB12-CD34\n${body}`;

test('routeros facts and header from the L009UiGS transcript', { skip: skipWithoutTranscripts }, () => {
  const { config, facts } = ros.parse(outputsOf('routeros#L009UiGS_7.15.2#simulation.yaml'));
  assert.deepEqual(facts, { hostname: 'router', model: 'L009UiGS', os_version: '7.15.2', serial: 'AA111AAAAAA' });
  // Package channel and installed version first; the export's dated first line is gone.
  assert.match(config, /^# channel: stable\n# installed-version: 7\.15\.2\n# software id = A0AA-AAA0\n/);
  assert.doesNotMatch(config, /by RouterOS|latest-version|New version is available/);
  // Wrapped lines are joined, as Oxidized stores them.
  assert.match(config, /^add admin-mac=00:00:5E:00:53:00 auto-mac=no comment=defconf name=bridge port-cost-mode=short$/m);
  assert.doesNotMatch(config, /\\$/m);
});

test('routeros facts fall back to the resource print for the model (CHR)', { skip: skipWithoutTranscripts }, () => {
  const outputs = outputsOf('routeros#CHR_7.16#simulation.yaml');
  const { facts } = ros.parse({ ...outputs, [EXPORT]: outputs[EXPORT]!.replace(/^# model = .*\n/m, '') });
  assert.equal(facts.model, 'CHR QEMU Standard PC (i440FX + PIIX, 1996)');
  assert.equal(facts.os_version, '7.16');
});

test('routeros: a new export date alone is not drift, a firmware upgrade is', () => {
  const pull = (date: string, version: string) =>
    ros.parse({
      '/system package update print': `      channel: stable\n  installed-version: ${version}\n     latest-version: 7.17\n`,
      [EXPORT]: `# ${date} by RouterOS ${version}\n# software id = AB12-CD34\n/system identity\nset name=r1`,
    }).config;
  const opts = { ignore: ros.ignore, knowledge: ros.drift };
  assert.equal(compareConfigs(pull('2025-05-30 11:07:28', '7.16'), pull('2025-05-31 01:00:00', '7.16'), opts).drifted, false);
  assert.equal(compareConfigs(pull('2025-05-30 11:07:28', '7.16'), pull('2025-06-01 01:00:00', '7.16.1'), opts).drifted, true);
});

test('routeros masks secrets in key=value arguments and SNMP community names', () => {
  const config = [
    '/interface wireguard',
    'add listen-port=13231 mtu=1420 name=wg0 private-key="aGVsbG8gd29ybGQgc2VjcmV0IGtleSBoZXJlIQ=="',
    '/interface wireguard peers',
    'add allowed-address=10.9.0.2/32 interface=wg0 preshared-key="cHNrcHNr" public-key="UHVibGljS2V5"',
    '/interface wireless security-profiles',
    'add authentication-types=wpa2-psk mode=dynamic-keys name=home wpa2-pre-shared-key="correct horse"',
    '/ip ipsec identity',
    'add peer=branch secret=Sup3rS3cret',
    '/ppp secret',
    'add name=alice password=alicepw profile=default-encryption service=pppoe',
    '/snmp community',
    'set [ find default=yes ] name=pubco',
    'add addresses=10.0.0.0/8 name=privco',
    '/snmp',
    'set enabled=yes trap-community=trapco',
    '/routing ospf interface-template',
    'add area=backbone auth=md5 auth-key=ospfkey interfaces=ether1',
    '/interface list',
    'add name=LAN',
  ].join('\n');
  const masked = ros.maskSecrets(config);
  assert.doesNotMatch(masked, /aGVsbG8|cHNrcHNr|correct horse|Sup3rS3cret|alicepw|pubco|privco|trapco|ospfkey/);
  assert.match(masked, /public-key="UHVibGljS2V5"/);
  assert.match(masked, /^add name=alice password=<masked> profile=default-encryption service=pppoe$/m);
  assert.match(masked, new RegExp(`^add addresses=10\\.0\\.0\\.0/8 name=${MASK}$`, 'm'));
  assert.match(masked, /^add name=LAN$/m);
  assert.equal(ros.maskSecrets(masked), masked, 'idempotent');
});

test('routeros refuses an export cut short, as far as its structure shows', () => {
  const body = exported(
    '/interface bridge\nadd admin-mac=00:00:5E:00:53:00 auto-mac=no comment=defconf name=bridge \\\n    port-cost-mode=short\n/ip address\nadd address=192.0.2.1/24 comment="lan side" interface=bridge network=192.0.2.0',
  );
  assert.doesNotThrow(() => ros.parse({ [EXPORT]: body }));
  const cutAfter = (marker: string) => body.slice(0, body.indexOf(marker) + marker.length);
  const cuts = [
    cutAfter('name=bridge \\\n'), // inside a wrapped command
    cutAfter('comment="lan'), // inside a quoted value
    cutAfter('interface=bridge netw'), // inside a key
    cutAfter('network='), // right after `=`
  ];
  for (const cut of cuts) assert.throws(() => ros.parse({ [EXPORT]: cut }), kind('incomplete-output'), JSON.stringify(cut.slice(-25)));
  // Ends at a menu line, or before any menu: cut.
  assert.throws(() => ros.parse({ [EXPORT]: exported('/interface bridge') }), kind('incomplete-output'));
  assert.throws(() => ros.parse({ [EXPORT]: '# 2025-05-30 11:07:28 by RouterOS 7.16\n# softw' }), kind('incomplete-output'));
  assert.throws(() => ros.parse({ [EXPORT]: '' }), kind('incomplete-output'));
});

test('routeros 6 (no show-sensitive) is refused with a clear protocol error', () => {
  assert.throws(
    () => ros.parse({ [EXPORT]: 'expected end of command (line 1 column 9)' }),
    (e: unknown) => e instanceof PullError && e.kind === 'protocol' && /RouterOS 6/.test(e.message),
  );
});

test('routeros prompts', () => {
  for (const p of ['[admin@MikroTik] > ', '[admin@rtr-01.example] /ip address> ', '[ops@CHR] >']) assert.match(p, ros.session.prompt, p);
  for (const p of ['/ip address', 'add address=192.0.2.1/24 interface=bridge', '# software id = AB12-CD34']) assert.doesNotMatch(p, ros.session.prompt, p);
});
