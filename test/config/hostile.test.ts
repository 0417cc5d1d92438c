import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { YAML_LIMITS } from '../../src/config/yaml-limits.js';

const FILE = '/etc/driftwatch/devices.yaml';
const BASE = ['credentials: { c: { username: u, password: p } }', 'defaults: { platform: ios, credentials: c, host: h }'];

function problems(yaml: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(yaml, FILE, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return '';
}
const withDevices = (...devices: string[]) => [...BASE, 'devices:', ...devices.map((d) => `  - ${d}`)].join('\n');

test('names over 64 characters are refused without echoing them whole', () => {
  assert.equal(problems(withDevices(`{ name: ${'a'.repeat(64)} }`)), '');
  const long = problems(withDevices(`{ name: ${'a'.repeat(5000)} }`));
  assert.match(long, /device name must be at most 64 characters/);
  assert.match(long, /…\(5000 characters\)/);
  assert.ok(long.length < 400, `message is ${long.length} characters`);
  assert.match(problems(withDevices(`{ name: a, group: ${'g'.repeat(65)} }`)), /group must be at most 64 characters/);
});

test('control characters and bidi overrides in names are escaped in messages, never printed raw', () => {
  const text = problems(withDevices('{ name: "evil\\e[2J\\asw\\u202e" }'));
  assert.match(text, /device evil\\x1b\[2J\\x07sw\\u202e: /);
  assert.doesNotMatch(text, /[\u001b\u0007\u202e]/);
  // Also where a value is quoted inside the message.
  const platform = problems(withDevices('{ name: a, platform: "x\\e]0;owned\\a" }'));
  assert.match(platform, /unknown platform "x\\x1b\]0;owned\\x07"/);
  assert.doesNotMatch(platform, /[\u001b\u0007]/);
});

test('store file collisions: a device file that is also a group folder, and groups differing only in case', () => {
  const folder = problems(withDevices('{ name: sw1 }', '{ name: z, group: sw1.cfg }'));
  assert.match(folder, /devices\.yaml:4: device sw1: store file sw1\.cfg is also the folder of group "sw1\.cfg" \(device z\)/);
  const folderCase = problems(withDevices('{ name: SW1 }', '{ name: z, group: sw1.CFG }'));
  assert.match(folderCase, /device SW1: store file SW1\.cfg is also the folder of group "sw1\.CFG"/);
  const groups = problems(withDevices('{ name: a, group: Core }', '{ name: b, group: core }'));
  assert.match(groups, /:5: device b: group "core" differs from group "Core" \(device a\) only in letter case/);
  // A group and a device of one name do not collide (core/ and core.cfg).
  assert.equal(problems(withDevices('{ name: core }', '{ name: x, group: core }')), '');
});

test('alert URLs must be http(s)', () => {
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://h/x']) {
    assert.match(problems([...BASE, `alerts: [{ type: webhook, url: "${url}" }]`].join('\n')), /alerts\.0\.url: url must be an http:\/\/ or https:\/\/ URL/, url);
    assert.match(problems([...BASE, `alerts: [{ type: slack, webhook_url: "${url}" }]`].join('\n')), /webhook_url must be an http/, url);
  }
  assert.equal(problems([...BASE, 'alerts: [{ type: webhook, url: "https://soar.example/h" }]'].join('\n')), '');
});

test('${...} is refused outside credential and channel secret fields, naming the key', () => {
  const env = { SECRET: 's3', HOST: 'h' };
  assert.match(problems(withDevices('{ name: a, host: "${HOST}" }'), env), /:4: device a: devices\.0\.host: \$\{\.\.\.\} is read from the environment only in credentials and channel secret fields; remove \$\{HOST\} here/);
  assert.match(problems([...BASE, 'alerts: [{ type: email, host: "${HOST}", from: a@b.c, to: x@y.z }]'].join('\n'), env), /alerts\.0\.host: \$\{\.\.\.\} is read/);
  assert.match(problems([...BASE, 'alerts: [{ type: email, host: m, from: a@b.c, to: ["${SECRET}@y.z"] }]'].join('\n'), env), /alerts\.0\.to\.0: \$\{/);
  assert.match(problems([...BASE, 'ignore: ["^x ${SECRET}"]'].join('\n'), env), /ignore\.0: \$\{/);
  assert.match(problems(['store: "${HOME}/store"', ...BASE].join('\n'), env), /:1: store: \$\{/);
  assert.match(problems([...BASE, 'alerts: [{ type: webhook, url: "https://h/x", name: "${SECRET}" }]'].join('\n'), env), /alerts\.0\.name: \$\{/);
  // Where secrets belong, references are expanded.
  const cfg = parseConfig(
    [
      'credentials: { c: { username: u, password: "${SECRET}" } }',
      'defaults: { platform: ios, credentials: c, host: h }',
      'devices: [{ name: a }]',
      'alerts: [{ type: webhook, url: "https://h/${SECRET}", secret: "${SECRET}", headers: { Authorization: "Bearer ${SECRET}" } }]',
    ].join('\n'),
    FILE,
    env,
  );
  assert.equal(cfg.devices[0]!.credentials.password, 's3');
  assert.deepEqual(cfg.alerts[0], { ...cfg.alerts[0], url: 'https://h/s3', secret: 's3', headers: { Authorization: 'Bearer s3' } });
  // A malformed reference in a secret field is not silently kept.
  assert.match(problems(['credentials: { c: { username: u, password: "${PW:-x}" } }', 'devices: []'].join('\n')), /credentials\.c\.password: \$\{PW:-x\} is not a variable reference/);
});

test('YAML documents are bounded: size, aliases, nesting; each refused with file:line', () => {
  const big = problems(`devices: []\n# ${'x'.repeat(YAML_LIMITS.maxBytes)}\n`);
  assert.match(big, /^\/etc\/driftwatch\/devices\.yaml:2: file is \d+ bytes, over the 10485760-byte limit/);
  const bomb = [
    'devices: []',
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  ].join('\n');
  assert.match(problems(bomb), /^\/etc\/driftwatch\/devices\.yaml:3: YAML aliases expand to more than 100 nodes/);
  // 10,000 nested brackets exhaust the parser's memory: refused before parsing.
  assert.match(problems(`devices: []\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), /devices\.yaml:2: YAML nesting deeper than 32 levels/);
  assert.match(problems(`store: "${'['.repeat(100)}"\nstate: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\ndevices: []\n`), /^$/, 'brackets in quotes and comments are text');
  const block = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
  assert.match(problems(`devices: []\ngroup_ignore:\n${block.replace(/^/gm, '  ')}`), /devices\.yaml:\d+: YAML nesting deeper than 32 levels/);
  // A usual alias is fine.
  assert.equal(problems(['credentials: { c: &c { username: u, password: p } , d: *c }', 'devices: []'].join('\n')), '');
});
