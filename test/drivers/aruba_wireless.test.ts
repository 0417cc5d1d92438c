/** aruba_os (controllers) and aruba_instant (IAP): facts and masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arubaOs } from '../../src/drivers/aruba_os/index.js';
import { arubaInstant } from '../../src/drivers/aruba_instant/index.js';
import { PullError } from '../../src/core/errors.js';
import { parseTranscript } from '../helpers/parse-transcript.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';

test('aruba_os facts and masks on the 7210 transcript', { skip: skipWithoutTranscripts }, () => {
  const { config, facts } = parseTranscript(arubaOs, 'aosw#Aruba7210_8.10.0.7#simulation.yaml');
  assert.deepEqual(facts, { hostname: 'OXID-IZE01', model: 'Aruba7210', os_version: '8.10.0.7', serial: 'CV0010001' });
  const stored = arubaOs.maskSecrets(config);
  assert.doesNotMatch(stored, /AAAAAAAAAABBBBBBBBBB|\*{5}/, 'no secret or device-starred hash left');
  assert.match(stored, /^authentication pre-share$/m, 'IKE policy keyword kept');
  assert.match(stored, /^authentication <masked>$/m, 'VRRP key masked');
  assert.match(stored, /^mgmt-user admin root <masked> node \/$/m);
  assert.match(stored, /^snmp-server host 10\.42\.1\.5 version 2c <masked> udp-port 162$/m);
  assert.equal(config.trimEnd().split('\n').at(-1), 'end');
});

test('aruba_os refuses a config without its closing end', () => {
  const raw = 'show running-config\nBuilding Configuration...\nversion 8.10\nhostname "c1"\n(c1) [mynode] #';
  assert.throws(() => arubaOs.parse({ 'show running-config': raw }), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output');
});

test('aruba_instant facts and masks on the IAP-515 transcript', { skip: skipWithoutTranscripts }, () => {
  const { config, facts } = parseTranscript(arubaInstant, 'arubainstant#IAP515_8.10.0.6_VWLC#simulation.yaml');
  assert.deepEqual(facts, { hostname: 'OXRO-AP111117', model: '515', os_version: '8.10.0.6', serial: 'CNQHAAAAAM' });
  const stored = arubaInstant.maskSecrets(config);
  assert.match(stored, /^virtual-controller-key <secret removed>$/m);
  assert.match(stored, /^ wpa-passphrase <secret removed>$/m);
  assert.match(stored, /^ key <secret removed>$/m);
  assert.equal(arubaInstant.maskSecrets(stored), stored);
});
