/** The sockets: UDP, TCP (both framings) and TLS (with and without client certificates). Fuzz: test/daemon/syslog.test.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReceiver, type SyslogReceiver } from '../../src/syslog/receiver.js';
import { parseListenAddress, type ListenAddress } from '../../src/syslog/listen-address.js';
import { makePki, octet, sendStream, sendUdp, until } from './helpers.js';

const addr = (s: string): ListenAddress => {
  const r = parseListenAddress(s);
  if (!r.ok) throw new Error(r.error);
  return r.address;
};
const MSG = '<189>1: %SYS-5-CONFIG_I: Configured from console by jdoe on vty0 (10.0.0.9)';

async function withReceiver(listen: string[], tls: Parameters<typeof startReceiver>[1]['tls'], fn: (r: SyslogReceiver, got: Array<[string, string, string]>, problems: string[]) => Promise<void>) {
  const got: Array<[string, string, string]> = [];
  const problems: string[] = [];
  const r = await startReceiver(listen.map(addr), { tls, onFrame: (f, s, t) => got.push([t, s, f.toString()]), onProblem: (t, _s, p) => problems.push(`${t}: ${p}`) });
  try {
    await fn(r, got, problems);
  } finally {
    await r.close();
  }
}

test('UDP, TCP octet counting, TCP newline framing: each frame delivered with its sender', async () => {
  await withReceiver(['udp://127.0.0.1:0', 'tcp://127.0.0.1:0'], undefined, async (r, got) => {
    const [udp, tcp] = r.addresses;
    await sendUdp(udp!.port, [MSG]);
    await sendStream(tcp!.port, octet(MSG) + octet('<13>1 - h a - - - two'));
    await sendStream(tcp!.port, `${MSG}\n<13>second line\n`);
    await until(() => got.length >= 5);
    assert.deepEqual(
      got.map(([t, s, f]) => `${t} ${s.replace('::ffff:', '')} ${f.slice(0, 16)}`).sort(),
      ['tcp 127.0.0.1 <13>1 - h a - - ', 'tcp 127.0.0.1 <13>second line', `tcp 127.0.0.1 ${MSG.slice(0, 16)}`, `tcp 127.0.0.1 ${MSG.slice(0, 16)}`, `udp 127.0.0.1 ${MSG.slice(0, 16)}`].sort(),
    );
  });
});

test('TLS (RFC 5425); with a CA configured, a client without a certificate is refused', async () => {
  const pki = makePki();
  try {
    await withReceiver(['tls://127.0.0.1:0'], { cert: pki.serverCert, key: pki.serverKey }, async (r, got) => {
      await sendStream(r.addresses[0]!.port, octet(MSG), { ca: pki.ca });
      await until(() => got.length === 1);
      assert.equal(got[0]![0], 'tls');
      assert.equal(got[0]![2], MSG);
    });
    await withReceiver(['tls://127.0.0.1:0'], { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca }, async (r, got, problems) => {
      const port = r.addresses[0]!.port;
      await sendStream(port, octet(MSG), { ca: pki.ca });
      await until(() => problems.length > 0);
      assert.equal(got.length, 0, 'no certificate, no frames');
      await sendStream(port, octet(MSG), { ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });
      await until(() => got.length === 1);
    });
  } finally {
    pki.cleanup();
  }
});

test('a bad stream is closed without hurting others; binding a used port fails cleanly', async () => {
  await withReceiver(['tcp://127.0.0.1:0'], undefined, async (r, got, problems) => {
    const port = r.addresses[0]!.port;
    await sendStream(port, '99999999 <13>huge');
    await sendStream(port, '40 <13>truncated');
    await until(() => problems.length >= 2);
    assert.ok(problems.some((p) => /exceeds/.test(p)));
    assert.ok(problems.some((p) => /ended inside a frame/.test(p)));
    await sendStream(port, octet(MSG));
    await until(() => got.length === 1);
    await assert.rejects(startReceiver([addr(`tcp://127.0.0.1:${port}`)], { onFrame: () => {} }), /EADDRINUSE/);
  });
});
