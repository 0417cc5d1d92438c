import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/config/load.js';

const FILE = '/etc/driftwatch/devices.yaml';

function problems(yaml: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(yaml, FILE, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  return [];
}

test('the example config loads (no env var needed: it logs in to the simulator) and resolves defaults and aliases', () => {
  const example = fileURLToPath(new URL('../../devices.example.yaml', import.meta.url));
  const cfg = loadConfigFile(example, {});
  assert.equal(cfg.devices.length, 3);
  const edge = cfg.devices.find((d) => d.name === 'edge-r1')!;
  assert.equal(edge.platform, 'cisco_ios', 'alias ios resolves');
  assert.equal(edge.credentials.password, 'admin', "the simulator's login");
  assert.equal(edge.port, 20024);
  assert.ok(cfg.store.startsWith('/'), 'store resolved to an absolute path');
  assert.equal(cfg.timeouts.command, 30);
});

test('every problem is listed with file:line and device', () => {
  const yaml = [
    'credentials:',
    '  lab: { username: u, password: "${NOPE}" }',
    'devices:',
    '  - name: sw1',
    '    host: 10.0.0.1',
    '    platform: ios',
    '    credentials: lab',
    '  - name: sw1',
    '    host: 10.0.0.2',
    '    platform: junos_bogus',
    '    credentials: other',
    '  - name: ../../etc',
    '    host: 10.0.0.3',
    '    platform: ios',
    '    credentials: lab',
    '  - name: ok-1',
    '    group: "../x"',
    '    host: h',
    '    platform: ios',
    '    credentials: lab',
  ].join('\n');
  // One run: schema problems and the semantic checks on the valid rest, together.
  const text = problems(yaml).join('\n');
  assert.match(text, /devices\.yaml:12: device ..\/..\/etc: .*name must match/);
  assert.match(text, /devices\.yaml:17: .*group must match/);
  assert.match(text, /:2: credentials\.lab\.password: environment variable NOPE is not set/);
  assert.match(text, /:8: device sw1: duplicate device name \(first defined at line 4\)/);
  assert.match(text, /:10: device sw1: unknown platform "junos_bogus"; known platforms .*cisco_ios \(ios/);
  assert.match(text, /:11: device sw1: credentials "other" is not defined \(defined: lab\)/);
});

test('YAML syntax errors and unknown keys name their line', () => {
  assert.match(problems('devices:\n  - name: a\n    hots: x\n').join('\n'), /:3: device a: devices\.0\.hots: unknown key; did you mean host\?/);
  assert.match(problems('devices: [\n').join('\n'), /devices\.yaml:\d+: /);
});

test('shard i/n splits the inventory stably and completely', () => {
  const names = Array.from({ length: 200 }, (_, i) => `sw${i}`);
  const yaml = (shard: string) =>
    [`shard: "${shard}"`, 'credentials: { c: { username: u, password: p } }', 'defaults: { platform: ios, credentials: c, host: h }', `devices: [${names.map((n) => `{ name: ${n} }`).join(', ')}]`].join('\n');
  const parts = [0, 1, 2].map((i) => parseConfig(yaml(`${i}/3`), FILE).devices.map((d) => d.name));
  assert.deepEqual(parts.flat().sort(), [...names].sort(), 'every device in exactly one shard');
  assert.ok(parts.every((p) => p.length > 40), parts.map((p) => p.length).join(','));
  assert.deepEqual(parseConfig(yaml('1/3'), FILE).devices.map((d) => d.name), parts[1]);
  assert.match(problems(yaml('3/3')).join('\n'), /shard i\/n needs 0 <= i < n/);
});

test('two alert channels with one name are refused', () => {
  const yaml = ['alerts:', '  - { type: webhook, name: soc, url: "http://127.0.0.1:9/a" }', '  - { type: slack, name: soc, webhook_url: "http://127.0.0.1:9/b" }'].join('\n');
  assert.match(problems(yaml).join('\n'), /:3: alerts\[1\]: channel name "soc" is already used by alerts\[0\]/);
});
