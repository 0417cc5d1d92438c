/** vyos beyond the conformance suite: facts, masks, the prompt after `less`, completeness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { vyos } from '../../src/drivers/vyos/index.js';
import { VYOS_MASK } from '../../src/drivers/vyos/masks.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { normalizeTerminalText } from '../../src/drivers/common/text.js';
import { PullError } from '../../src/core/errors.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const CONFIG = 'show configuration commands | no-more';
const FILE = 'vyos#Supermicro_1.4.3#simulation.yaml';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(vyos.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('vyos facts from the Supermicro transcript', { skip: skipWithoutTranscripts }, () => {
  const { facts, config } = vyos.parse(outputsOf(FILE));
  assert.deepEqual(facts, { hostname: 'fw1', model: 'S373857X4512086', os_version: '1.4.3', serial: '57088070000000W' });
  assert.equal(config.split('\n')[0], "set firewall global-options all-ping 'enable'");
  assert.doesNotMatch(config, /nicolas\.berens@fw1|show configuration/);
});

test('vyos masks secret leaves and SNMP communities, keeps public keys', () => {
  const config = [
    "set service snmp community snmppublic authorization 'ro'",
    "set service snmp community snmppublic network '10.0.0.0/8'",
    "set service snmp trap-target 10.10.10.10 community 'snmppublic'",
    "set system login user ops authentication encrypted-password '$6$rounds$abcdef'",
    "set system login user ops authentication public-keys ops@laptop key 'AAAAC3NzaC1lZDI1NTE5AAAAIPublic'",
    "set system login user ops authentication public-keys ops@laptop type 'ssh-ed25519'",
    "set interfaces wireguard wg0 peer p1 public-key 'b7wPxXWRxgB5uzfXa75B6EvhAa2K4wp+UayahIoo9iU='",
    "set interfaces wireguard wg0 private-key 'cHJpdmF0ZQ=='",
    "set protocols ospf area 0 network '10.0.0.0/8'",
    "set protocols ospf interface eth0 authentication md5 key-id 1 md5-key 'ospfsecret'",
    "set system login radius server 192.0.2.5 key 'radiuskey'",
  ].join('\n');
  const masked = vyos.maskSecrets(config);
  assert.doesNotMatch(masked, /snmppublic|\$6\$rounds|cHJpdmF0ZQ|ospfsecret|radiuskey/);
  assert.match(masked, new RegExp(`^set service snmp community ${VYOS_MASK} network '10\\.0\\.0\\.0/8'$`, 'm'));
  assert.match(masked, /key 'AAAAC3NzaC1lZDI1NTE5AAAAIPublic'/);
  assert.match(masked, /public-key 'b7wPxXWRxgB5uzfXa75B6EvhAa2K4wp\+UayahIoo9iU='/);
  assert.match(masked, /^set protocols ospf area 0 network '10\.0\.0\.0\/8'$/m);
  assert.equal(vyos.maskSecrets(masked), masked, 'idempotent');
});

test('vyos prompt also matches the line `less` leaves behind (prompt.yaml pass_with_expect)', { skip: skipWithoutTranscripts }, () => {
  const spec = parseYaml(readFileSync(transcriptPath('vyos#generic#prompt.yaml'), 'utf8')) as { pass_with_expect?: string[] };
  for (const raw of spec.pass_with_expect ?? []) {
    const line = normalizeTerminalText(raw.replace(/\\e/g, '\x1b').replace(/\\r/g, '\r'));
    assert.match(line, vyos.session.prompt, JSON.stringify(line));
  }
});

test('vyos refuses a capture without its closing prompt, and an error answer', () => {
  const whole = `${CONFIG}\nset system host-name 'fw1'\nset service ssh port '22'\nvyos@fw1:~$ `;
  assert.doesNotThrow(() => vyos.parse({ [CONFIG]: whole }));
  assert.throws(
    () => vyos.parse({ [CONFIG]: whole.slice(0, whole.indexOf('set service')) }),
    (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output',
  );
  assert.throws(
    () => vyos.parse({ [CONFIG]: `${CONFIG}\n\n  Invalid command: show [configuration]\n\nvyos@fw1:~$ ` }),
    (e: unknown) => e instanceof PullError && e.kind === 'protocol',
  );
});
