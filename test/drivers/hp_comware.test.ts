/** hp_comware beyond the conformance suite: facts, `return` completeness on full configs, Comware masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hpComware } from '../../src/drivers/hp_comware/index.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const FILE = 'h3c#5130-48G_7.1.070#simulation.yaml';
const CONFIG = 'display current-configuration';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(hpComware.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

const FULL = [
  'display current-configuration\r',
  '#\r',
  ' version 7.1.070, Release 3507P18\r',
  '#\r',
  ' sysname core-sw1\r',
  '#\r',
  'local-user admin class manage\r',
  ' password hash $h$6$abc==\r',
  ' service-type ssh\r',
  '#\r',
  'return\r',
  '<core-sw1>',
].join('\n');

test('hp_comware facts from the 5130 transcript (sysname from the prompt)', { skip: skipWithoutTranscripts }, () => {
  assert.deepEqual(hpComware.parse(outputsOf(FILE)).facts, {
    hostname: 'test5130st1',
    model: '5130-48G-PoE+-4SFP+ (370W) EI JG937A',
    os_version: '7.1.070, Release 3507P18',
    serial: undefined,
  });
});

test('hp_comware takes the serial from display device manuinfo and the sysname from the config', () => {
  const manuinfo = 'display device manuinfo\r\nSlot 1 CPU 0:\r\nDEVICE_NAME          : 5130-48G\r\nDEVICE_SERIAL_NUMBER : CN12ABC345\r\n<core-sw1>';
  const { facts } = hpComware.parse({ [CONFIG]: FULL, 'display device manuinfo': manuinfo });
  assert.equal(facts.serial, 'CN12ABC345');
  assert.equal(facts.hostname, 'core-sw1');
});

test('hp_comware: a full configuration must reach its return', () => {
  assert.match(hpComware.parse({ [CONFIG]: FULL }).config, /^#\n version 7\.1\.070[\s\S]*\n#\nreturn\n$/);
  // Cut after a complete line, and the prompt still printed (the device stopped early).
  const stopped = FULL.replace('#\r\nreturn\r\n', '');
  assert.throws(() => hpComware.parse({ [CONFIG]: stopped }), incomplete);
  assert.throws(() => hpComware.parse({ [CONFIG]: FULL.slice(0, 80) }), incomplete);
});

test('hp_comware prompts: user view, system view, interface view', () => {
  for (const p of ['<test5130st1>', '[test5130st1]', '[core-sw1-GigabitEthernet1/0/1]']) assert.match(p, hpComware.session.prompt);
  for (const p of [' description VER-NIC2-[TRUNK]', '#', 'return']) assert.doesNotMatch(p, hpComware.session.prompt);
});

test('hp_comware masks Comware secret syntax, idempotently', () => {
  const config = [
    'local-user admin class manage',
    ' password hash $h$6$abc==',
    ' password cipher $c$3$def',
    ' super password role network-admin hash $h$6$ghi',
    ' snmp-agent community read cipher $c$3$jkl acl 2000',
    ' snmp-agent community write private',
    ' snmp-agent usm-user v3 nms grp cipher authentication-mode sha $c$3$mno privacy-mode aes128 $c$3$pqr',
    ' snmp-agent target-host trap address udp-domain 10.0.0.9 params securityname publ1c v2c',
    'radius scheme rad',
    ' key authentication cipher $c$3$stu',
    'ospf 1',
    ' area 0.0.0.0',
    '  authentication-mode md5 1 cipher $c$3$vwx',
    'bgp 65000',
    ' peer 10.0.0.2 password cipher $c$3$yz',
    'line vty 0 63',
    ' authentication-mode scheme',
  ].join('\n');
  const masked = hpComware.maskSecrets(config);
  assert.equal(
    masked,
    [
      'local-user admin class manage',
      ' password hash <masked>',
      ' password cipher <masked>',
      ' super password role network-admin hash <masked>',
      ' snmp-agent community read cipher <masked> acl 2000',
      ' snmp-agent community write <masked>',
      ' snmp-agent usm-user v3 nms grp cipher authentication-mode sha <masked> privacy-mode aes128 <masked>',
      ' snmp-agent target-host trap address udp-domain 10.0.0.9 params securityname <masked> v2c',
      'radius scheme rad',
      ' key authentication cipher <masked>',
      'ospf 1',
      ' area 0.0.0.0',
      '  authentication-mode md5 1 cipher <masked>',
      'bgp 65000',
      ' peer 10.0.0.2 password cipher <masked>',
      'line vty 0 63',
      ' authentication-mode scheme',
    ].join('\n'),
  );
  assert.equal(hpComware.maskSecrets(masked), masked);
});
