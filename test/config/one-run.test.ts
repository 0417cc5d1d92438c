import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/load.js';

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

const lines = (...l: string[]) => l.join('\n');

test('one run lists schema problems of every section and device together with the semantic checks', () => {
  const p = problems(
    lines(
      'timeouts: { conect: 5 }', // 1: schema, top-level section
      'credentials:',
      '  lab: { username: u, password: p }',
      'defaults: { platform: ios, credentials: lab, model: ios }', // 4: schema, defaults
      'devices:',
      '  - name: bad name', // 6: schema, a device
      '    host: h',
      '  - name: sw1', // 8
      '    host: 10.0.0.1',
      '  - name: sw1', // 10: duplicate
      '    host: 10.0.0.2',
      '  - name: sw2', // 12: no host
      '    credentials: labx', // 13: unknown set
      '  - name: sw3', // 14
      '    host: h3',
      '    platform: iso', // 16: unknown platform
      'alerts:',
      '  - { type: slack, webhok_url: "https://hooks.example/x" }', // 18: schema, a channel
    ),
  ).join('\n');
  assert.match(p, /devices\.yaml:1: timeouts\.conect: unknown key; did you mean connect\?/);
  assert.match(p, /:4: defaults\.model: unknown key; Oxidized's model: is platform: here/);
  assert.match(p, /:6: device bad name: devices\.0\.name: device name must match/);
  assert.match(p, /:10: device sw1: duplicate device name \(first defined at line 8\)/);
  assert.match(p, /:12: device sw2: host is required/);
  assert.match(p, /:13: device sw2: credentials "labx" is not defined; did you mean lab\?/);
  // Line numbers stay right after a device that failed the schema was left out.
  assert.match(p, /:16: device sw3: unknown platform "iso"; did you mean ios\?/);
  assert.match(p, /:18: alerts\.0\.webhok_url: unknown key; did you mean webhook_url\?/);
});

test('unknown keys get the nearest key, or a hint for keys other tools use', () => {
  const base = lines('credentials: { c: { username: u, password: p } }', 'defaults: { platform: ios, credentials: c }');
  assert.match(problems(`stor: ./s\n${base}`).join('\n'), /:1: stor: unknown key; did you mean store\?/);
  assert.match(problems(`${base}\ndevices: [{ name: a, hots: h }]`).join('\n'), /:3: device a: devices\.0\.hots: unknown key; did you mean host\?/);
  assert.match(problems(`${base}\ndevices: [{ name: a, host: h, model: ios }]`).join('\n'), /devices\.0\.model: unknown key; Oxidized's model: is platform: here/);
  assert.match(problems(`${base}\ndevices: [{ name: a, ip: 10.0.0.1 }]`).join('\n'), /devices\.0\.ip: unknown key; use host:/);
  assert.match(problems(`${base}\ndevices: [{ name: a, host: h, xyzzy: 1 }]`).join('\n'), /devices\.0\.xyzzy: unknown key; known keys: name, host, port/);
  assert.match(problems(`${base}\nsyslog: { listen: "udp://127.0.0.1:5514", rate_limit: { brust: 5 } }`).join('\n'), /syslog\.rate_limit\.brust: unknown key; did you mean burst\?/);
});

test('the platform error lists ids and their aliases', () => {
  const p = problems(lines('credentials: { c: { username: u, password: p } }', 'devices: [{ name: a, host: h, credentials: c, platform: ciscoo }]')).join('\n');
  assert.match(p, /unknown platform "ciscoo"/);
  assert.match(p, /known platforms \(aliases in brackets\): .*cisco_ios \(ios[^)]*\).*juniper_junos \(junos[^)]*\)/);
});

test('a valid config passes untouched by the lenient parse (defaults applied, values kept)', () => {
  const cfg = parseConfig(
    lines('timeouts: { connect: 5 }', 'credentials: { c: { username: u, password: p } }', 'defaults: { platform: ios, credentials: c }', 'devices: [{ name: a, host: h, group: core }]'),
    FILE,
  );
  assert.equal(cfg.timeouts.connect, 5);
  assert.equal(cfg.timeouts.pull, 180);
  assert.equal(cfg.devices[0]!.group, 'core');
  assert.equal(cfg.devices[0]!.platform, 'cisco_ios');
});

test('channel problems name the right line when an earlier channel failed the schema', () => {
  const p = problems(
    lines(
      'alerts:',
      '  - { type: webhook, url: "ftp://x/y" }',
      '  - { type: webhook, name: soc, url: "https://h/a" }',
      '  - { type: slack, name: soc, webhook_url: "https://h/${HOOK}" }',
    ),
  ).join('\n');
  assert.match(p, /:2: alerts\.0\.url: url must be an http/);
  assert.match(p, /:4: alerts\[2\]: channel name "soc" is already used by alerts\[1\]/);
  assert.match(p, /:4: alerts\[2\]\.webhook_url: environment variable HOOK is not set/);
});
