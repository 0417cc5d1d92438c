import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConfigs } from '../../src/drift/compare.js';
import { ignoreRules } from '../../src/drift/ignore.js';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';

const BASE = ['hostname r1', '!', 'interface Gi1/0/1', ' description uplink', ' no shutdown', '!', 'line vty 0 4', ' transport input ssh', '!', 'ntp server 10.0.0.1', 'end', ''].join('\n');

test('identical configs are not drift', () => {
  const r = compareConfigs(BASE, BASE, { ignore: [] });
  assert.deepEqual(r, { drifted: false, added: 0, removed: 0, severity: 'warning', sections: [], diff: '' });
});

test('a description change is warning drift labelled with its interface', () => {
  const r = compareConfigs(BASE, BASE.replace('description uplink', 'description core'), { ignore: [], knowledge: ciscoIos.drift, path: 'r1.cfg' });
  assert.equal(r.drifted, true);
  assert.equal(r.added, 1);
  assert.equal(r.removed, 1);
  assert.equal(r.severity, 'warning');
  assert.deepEqual(r.sections, ['interface Gi1/0/1']);
  assert.match(r.diff, /^@@ -\d+,\d+ \+\d+,\d+ @@ interface Gi1\/0\/1$/m);
  assert.match(r.diff, /^- description uplink$/m);
  assert.match(r.diff, /^\+ description core$/m);
  assert.match(r.diff, /^--- a\/r1.cfg/);
});

test('telnet on the vty lines and a new local user are critical', () => {
  const current = BASE.replace(' transport input ssh', ' transport input ssh telnet').replace('hostname r1\n', 'hostname r1\nusername backdoor privilege 15 secret 9 <masked>\n');
  const r = compareConfigs(BASE, current, { ignore: [], knowledge: ciscoIos.drift });
  assert.equal(r.severity, 'critical');
  assert.ok(r.sections.includes('line vty 0 4'), r.sections.join('|'));
  assert.equal(r.added, 2);
});

test('changes only in ignored lines are not drift; user rules add to the driver', () => {
  const rules = ignoreRules({ ignore: ['^ntp server'], group_ignore: { core: ['description'] } }, { group: 'core', ignore: [] }, ciscoIos);
  const current = BASE.replace('10.0.0.1', '10.0.0.2').replace('uplink', 'other');
  assert.equal(compareConfigs(BASE, current, { ignore: rules }).drifted, false);
  assert.equal(compareConfigs(BASE, current, { ignore: [] }).drifted, true);
});

// Its timing is measured by the benchmark; the suite checks only the result.
test('a whole-config rewrite (no common line) is diffed completely', () => {
  const a = Array.from({ length: 30000 }, (_, i) => `old ${i}`).join('\n') + '\n';
  const b = Array.from({ length: 30000 }, (_, i) => `new ${i}`).join('\n') + '\n';
  const r = compareConfigs(a, b, { ignore: [] });
  assert.equal(r.added, 30000);
  assert.equal(r.removed, 30000);
});
