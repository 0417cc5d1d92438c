/** `syslog:` config keys: listen forms, TLS requirement, defaults; bad values name file:line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { parseListenAddress } from '../../src/syslog/listen-address.js';

const BASE = ['credentials: { c: { username: u } }', 'defaults: { platform: ios, credentials: c, host: 127.0.0.1 }', 'devices: [{ name: a, announces_changes: true }, { name: b }]'];

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'dw.yaml');
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  }
}

test('listen addresses: schemes, bare host:port is UDP, IPv6 in brackets', () => {
  assert.deepEqual(parseListenAddress('127.0.0.1:5514'), { ok: true, address: { transport: 'udp', host: '127.0.0.1', port: 5514, text: '127.0.0.1:5514' } });
  const t = (s: string) => {
    const r = parseListenAddress(s);
    return r.ok ? `${r.address.transport} ${r.address.host} ${r.address.port}` : 'error';
  };
  assert.equal(t('tcp://0.0.0.0:514'), 'tcp 0.0.0.0 514');
  assert.equal(t('tls://[::1]:6514'), 'tls ::1 6514');
  assert.equal(t('udp://syslog.example.net:514'), 'udp syslog.example.net 514');
  for (const bad of ['http://x:1', 'udp://:514', 'x', 'udp://h:70000', 'udp://[10.0.0.1]:514', 'tcp://h:1/path']) assert.equal(t(bad), 'error', bad);
});

test('config: a list of listeners, defaults, announces_changes on devices', () => {
  const cfg = parseConfig([...BASE, 'syslog:', '  listen: [udp://127.0.0.1:5514, "tcp://127.0.0.1:5514", "tls://127.0.0.1:6514"]', '  tls: { cert: c.pem, key: k.pem }'].join('\n'), 'dw.yaml');
  assert.deepEqual(cfg.syslog!.listen, ['udp://127.0.0.1:5514', 'tcp://127.0.0.1:5514', 'tls://127.0.0.1:6514']);
  assert.equal(cfg.syslog!.debounce_seconds, 2);
  assert.deepEqual(cfg.syslog!.rate_limit, { messages_per_second: 20, burst: 200 });
  assert.equal(cfg.devices.find((d) => d.name === 'a')!.announces_changes, true);
  assert.equal(cfg.devices.find((d) => d.name === 'b')!.announces_changes, undefined);
});

test('validate: bad listen values and tls:// without cert/key are reported with file:line', () => {
  const p = problems([...BASE, 'syslog:', '  listen:', '    - udp://127.0.0.1:5514', '    - "ftp://h:21"', '    - tls://127.0.0.1:6514'].join('\n'));
  assert.equal(p.length, 2, p.join('\n'));
  assert.match(p[0]!, /^dw\.yaml:7: syslog\.listen\.1: expected udp:\/\/host:port/);
  assert.match(p[1]!, /^dw\.yaml:8: syslog\.listen\.2: .*tls:\/\/ needs syslog\.tls\.cert/);
  const single = problems([...BASE, 'syslog: { listen: "nonsense" }'].join('\n'));
  assert.match(single[0]!, /^dw\.yaml:4: syslog\.listen: expected/);
  assert.match(problems([...BASE, 'syslog: { listen: "1.2.3.4:514", debounce_seconds: -1 }'].join('\n'))[0]!, /debounce_seconds/);
  assert.match(problems([...BASE.slice(0, 2), 'devices: [{ name: a, announces_changes: yes please }]'].join('\n'))[0]!, /announces_changes/);
});
