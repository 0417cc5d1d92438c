/** RFC 5424 and RFC 3164 parsing as devices send it; garbage is a parse failure, never a throw. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSyslog } from '../../src/syslog/parse.js';
import { decodeFrame, MAX_MESSAGE_BYTES } from '../../src/syslog/message.js';

function ok(text: string) {
  const r = parseSyslog(text);
  assert.ok(r.ok, `expected a parse of ${text}: ${!r.ok && r.reason}`);
  return r.message;
}

test('RFC 5424: header fields, structured data with escapes, BOM, nil values', () => {
  const m = ok('<29>1 2026-11-25T07:40:01.123Z r1.example.net mgd 4425 UI_COMMIT [junos@2636.1.1.1.2.18 username="jdoe" command="commit" message="a \\"quoted\\" \\] one"][x@1 a="b"] \ufeffUser \'jdoe\' requested \'commit\' operation');
  assert.equal(m.format, 'rfc5424');
  assert.equal(m.facility, 3);
  assert.equal(m.severity, 5);
  assert.equal(m.timestamp, '2026-11-25T07:40:01.123Z');
  assert.equal(m.hostname, 'r1.example.net');
  assert.equal(m.appName, 'mgd');
  assert.equal(m.procId, '4425');
  assert.equal(m.msgId, 'UI_COMMIT');
  assert.deepEqual(m.structuredData.map((e) => e.id), ['junos@2636.1.1.1.2.18', 'x@1']);
  assert.equal(m.structuredData[0]!.params.message, 'a "quoted" ] one');
  assert.equal(m.msg, "User 'jdoe' requested 'commit' operation");
  const nil = ok('<13>1 - - - - - -');
  assert.equal(nil.hostname, undefined);
  assert.equal(nil.msg, '');
  assert.deepEqual(nil.structuredData, []);
});

test('RFC 5424: a parameter named __proto__ does not touch the prototype', () => {
  const m = ok('<13>1 - h a - - [x@1 __proto__="polluted"] hi');
  assert.equal(m.structuredData[0]!.params['__proto__'], 'polluted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('RFC 5424: malformed headers are failures with a reason', () => {
  for (const bad of ['<13>1 ', '<13>1 - h' + 'x'.repeat(300) + ' a p m -', '<13>1 2026-13 h a p m -', '<13>1 - h a p m [unterminated x="y"', '<13>1 - h a p m [x@1 k="v"]no-space', '<13>1 - h a p m [x@1 k="v"', '<999>1 - - - - - -']) {
    const r = parseSyslog(bad);
    assert.equal(r.ok && r.message.format === 'rfc5424', false, bad);
  }
});

test('RFC 3164 as IOS, NX-OS, IOS-XR, Junos, EOS and FortiOS send it', () => {
  const ios = ok('<189>123: *Nov 25 07:40:01.123 UTC: %SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)');
  assert.equal(ios.facility, 23);
  assert.equal(ios.severity, 5);
  assert.equal(ios.timestamp, '*Nov 25 07:40:01.123 UTC');
  assert.equal(ios.hostname, undefined);
  assert.equal(ios.msg, '%SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)');
  const origin = ok('<189>45: edge-r1: *Mar  1 00:03:26.123: %SYS-5-CONFIG_I: Configured from console by console');
  assert.equal(origin.hostname, 'edge-r1');
  const nxos = ok('<189>: 2026 Nov 25 07:40:01 UTC: sw1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.5@pts/0');
  assert.equal(nxos.hostname, 'sw1');
  assert.match(nxos.msg, /^%VSHD/);
  const xr = ok("<189>77: RP/0/RSP0/CPU0:Nov 25 07:40:01.123 UTC: config[65740]: %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user 'jdoe'.");
  assert.equal(xr.appName, 'config');
  assert.equal(xr.procId, '65740');
  assert.match(xr.msg, /^%MGBL-CONFIG-6-DB_COMMIT/);
  const junos = ok("<29>Nov 25 07:40:01 r1 mgd[4425]: UI_COMMIT: User 'jdoe' requested 'commit' operation (comment: none)");
  assert.deepEqual([junos.hostname, junos.appName, junos.procId], ['r1', 'mgd', '4425']);
  assert.match(junos.msg, /^UI_COMMIT: /);
  const eos = ok('<189>Nov 25 07:40:01 eos1 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by admin on vty3 (10.0.0.9)');
  assert.deepEqual([eos.hostname, eos.appName], ['eos1', 'ConfigAgent']);
  const forti = ok('<189>date=2026-11-25 time=07:40:01 devname="fw1" logid="0100044547" user="admin"');
  assert.equal(forti.timestamp, undefined);
  assert.match(forti.msg, /^date=2026-11-25/);
});

test('garbage never throws: no PRI, binary, huge, truncated', () => {
  for (const bad of ['', 'hello', '<>', '<abc>x', '<0192>x', '\u0000\u0001\u0002', '<13', 'x'.repeat(MAX_MESSAGE_BYTES + 1)]) {
    const r = parseSyslog(bad);
    assert.equal(r.ok, false, JSON.stringify(bad.slice(0, 20)));
  }
  assert.equal(decodeFrame(Buffer.alloc(MAX_MESSAGE_BYTES * 2, 0x41)).length, MAX_MESSAGE_BYTES);
  assert.equal(decodeFrame(Buffer.from([0x3c, 0x31, 0x3e, 0xff, 0xfe, 0x0a])), '<1>\ufffd\ufffd');
});
