/** broadcom_efos and netgear_prosafe (FASTPATH family): facts, volatile header lines, masks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { broadcomEfos } from '../../src/drivers/broadcom_efos/index.js';
import { netgearProsafe } from '../../src/drivers/netgear_prosafe/index.js';
import { parseTranscript } from '../helpers/parse-transcript.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';

test('broadcom_efos facts, uptime and clock dropped, user password masked', { skip: skipWithoutTranscripts }, () => {
  const { config, facts } = parseTranscript(broadcomEfos, 'efos#BES-53248_3.12.0.1#simulation.yaml');
  assert.deepEqual(facts, { hostname: 'Metro_Switch_A_1', os_version: '3.12.0.1', image: 'EFOS, 3.12.0.1, Linux 5.4.2-c92ac1fd, 2016.05.00.06' });
  assert.doesNotMatch(config, /System Up Time|Current System Time/);
  const stored = broadcomEfos.maskSecrets(config);
  assert.match(stored, /^username "admin" password <masked> encryption-type aes level 15 encrypted$/m);
  assert.match(stored, /^snmp-server community <masked> ro$/m);
});

test('broadcom_efos masks stay put on a second pass (optional key digits)', () => {
  const config = 'radius-server key 7 abc\ntacacs-server host 10.0.0.1 key xyz\nsnmp-server user u g auth-sha-key k1 priv-aes128-key k2\n';
  const masked = broadcomEfos.maskSecrets(config);
  assert.equal(masked, 'radius-server key 7 <masked>\ntacacs-server host 10.0.0.1 key <masked>\nsnmp-server user u g auth-sha-key <masked> priv-aes128-key <masked>\n');
  assert.equal(broadcomEfos.maskSecrets(masked), masked);
});

test('netgear_prosafe facts and masks', { skip: skipWithoutTranscripts }, () => {
  const { config, facts } = parseTranscript(netgearProsafe, 'netgear#GS752TPP_6.0.10.14#simulation.yaml');
  assert.deepEqual(facts, { hostname: '19sw011', model: 'GS752TPP', os_version: '6.0.10.14', serial: '0XX000XXX000X' });
  assert.doesNotMatch(config, /System Up Time/);
  const stored = netgearProsafe.maskSecrets(config);
  assert.match(stored, /^snmp community <hidden> enable 0\.0\.0\.0 mask 0\.0\.0\.0 ro$/m);
  assert.match(stored, /^snmp host 192\.168\.0\.1 enable version 2c <hidden>$/m);
  assert.equal(netgearProsafe.maskSecrets(stored), stored);
});
