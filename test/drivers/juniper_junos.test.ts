/** juniper_junos beyond the conformance suite: facts, the SECRET-DATA masks, brace completeness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { juniperJunos as junos } from '../../src/drivers/juniper_junos/index.js';
import { JUNOS_MASK } from '../../src/drivers/juniper_junos/masks.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { compareConfigs } from '../../src/drift/compare.js';
import { skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

const CONFIG = 'show configuration | display omit';
const incomplete = (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output';

function outputsOf(file: string): Record<string, string> {
  const t = loadTranscript(transcriptPath(file));
  return Object.fromEntries(junos.commands.map((c) => [c, answerFor(t, c) ?? '']));
}

test('junos facts from the srx300 transcript', { skip: skipWithoutTranscripts }, () => {
  const { facts, config } = junos.parse(outputsOf('junos#srx300_22.4#simulation.yaml'));
  // The srx300 has no host-name statement and `show version` prints no Hostname line.
  assert.deepEqual(facts, { hostname: undefined, model: 'srx300', os_version: '22.4R3-S2.11', serial: 'AA0000AA0000' });
  assert.match(config, /^## Last commit: 2024-12-06 11:41:05 UTC by root\nversion 22\.4R3-S2\.11;\n/);
});

test('junos takes the hostname from show version, else from host-name', () => {
  const config = 'system {\n    host-name "edge-1";\n}\n';
  assert.equal(junos.parse({ [CONFIG]: config }).facts.hostname, 'edge-1');
  const version = 'Hostname: mx1\nModel: mx480\nJunos: 23.4R1.10\n';
  assert.equal(junos.parse({ 'show version': version, [CONFIG]: config }).facts.hostname, 'mx1');
});

test('junos masks what Junos flags as SECRET-DATA, URL passwords and SNMP communities only', () => {
  const config = [
    'system {',
    '    root-authentication {',
    '        encrypted-password "$6$abc$def"; ## SECRET-DATA',
    '    }',
    '    tacplus-server {',
    '        10.0.0.9 secret "$9$tacacs"; ## SECRET-DATA',
    '    }',
    '}',
    'protocols {',
    '    ospf {',
    '        area 0.0.0.0 {',
    '            interface ge-0/0/0.0 {',
    '                authentication {',
    '                    md5 1 key "$9$md5key"; ## SECRET-DATA',
    '                }',
    '            }',
    '        }',
    '    }',
    '}',
    'security {',
    '    ike {',
    '        policy p1 {',
    '            pre-shared-key ascii-text "$9$psk"; ## SECRET-DATA',
    '        }',
    '    }',
    '}',
    'snmp {',
    '    community s3cr3t {',
    '        authorization read-only;',
    '    }',
    '    community "two words";',
    '}',
    'policy-options {',
    '    community CUSTOMERS members 65000:100;',
    '}',
  ].join('\n');
  const masked = junos.maskSecrets(config);
  assert.doesNotMatch(masked, /\$6\$abc|\$9\$|s3cr3t|two words/);
  assert.match(masked, new RegExp(`encrypted-password ${JUNOS_MASK}; ## SECRET-DATA`));
  assert.match(masked, new RegExp(`10\\.0\\.0\\.9 secret ${JUNOS_MASK}; ## SECRET-DATA`));
  assert.match(masked, new RegExp(`md5 1 key ${JUNOS_MASK}; ## SECRET-DATA`));
  assert.match(masked, new RegExp(`community ${JUNOS_MASK} \\{`));
  // A BGP community name is not a password.
  assert.match(masked, /community CUSTOMERS members 65000:100;/);
  assert.equal(junos.maskSecrets(masked), masked, 'idempotent');
});

test('junos: a new commit stamp alone is not drift', () => {
  const a = '## Last commit: 2024-12-06 11:41:05 UTC by root\nversion 22.4;\nsystem {\n    host-name r1;\n}\n';
  const b = a.replace('11:41:05 UTC by root', '12:00:00 UTC by ops');
  assert.equal(compareConfigs(a, b, { ignore: junos.ignore, knowledge: junos.drift }).drifted, false);
  const c = b.replace('host-name r1', 'host-name r2');
  assert.equal(compareConfigs(a, c, { ignore: junos.ignore, knowledge: junos.drift }).drifted, true);
});

test('junos login changes are critical', () => {
  const a = 'system {\n    login {\n        user ops {\n            class read-only;\n        }\n    }\n}\n';
  const b = a.replace('read-only', 'super-user');
  assert.equal(compareConfigs(a, b, { ignore: junos.ignore, knowledge: junos.drift }).severity, 'critical');
});

test('junos refuses truncated configs, braces in strings and annotations do not count', () => {
  const whole = [
    '/* the "}" in this annotation { is not structure */',
    'system {',
    '    host-name r1;',
    '    login {',
    '        message "welcome } to {";',
    '    }',
    '}',
    'interfaces {',
    '    ge-0/0/0 {',
    '        description "uplink {core}";',
    '    }',
    '}',
  ].join('\n');
  assert.doesNotThrow(() => junos.parse({ [CONFIG]: whole }));
  for (const cut of [whole.slice(0, whole.indexOf('login')), whole.slice(0, whole.indexOf('to {')), whole.slice(0, whole.indexOf('interfaces') + 3)]) {
    assert.throws(() => junos.parse({ [CONFIG]: cut }), incomplete, JSON.stringify(cut.slice(-20)));
  }
  assert.throws(() => junos.parse({ [CONFIG]: '' }), incomplete);
});

test('junos reports an error answer as a protocol error, not as a config', () => {
  assert.throws(
    () => junos.parse({ [CONFIG]: 'error: syntax error, expecting <command>: omit\n' }),
    (e: unknown) => e instanceof PullError && e.kind === 'protocol',
  );
});
