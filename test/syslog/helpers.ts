/** Test helpers: throwaway TLS certificates (openssl, loopback only) and syslog senders. */
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';

export interface TestPki {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** Files, for configs that name paths. */
  files: { ca: string; cert: string; key: string };
  cleanup(): void;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made on the fly. */
export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'dw-pki-'));
  const p = (f: string) => join(dir, f);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=dw-test-ca');
  writeFileSync(p('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=${who === 'server' ? '127.0.0.1' : 'edge-r1'}`);
    ssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.pem`, '-days', '2', '-extfile', `${who}.ext`);
  }
  const read = (f: string) => readFileSync(p(f), 'utf8');
  return {
    dir,
    ca: read('ca.pem'),
    serverCert: read('server.pem'),
    serverKey: read('server.key'),
    clientCert: read('client.pem'),
    clientKey: read('client.key'),
    files: { ca: p('ca.pem'), cert: p('server.pem'), key: p('server.key') },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function sendUdp(port: number, messages: Array<string | Buffer>): Promise<void> {
  const s = createSocket('udp4');
  return new Promise((resolve, reject) => {
    let left = messages.length;
    if (!left) return resolve();
    for (const m of messages) {
      s.send(typeof m === 'string' ? Buffer.from(m) : m, port, '127.0.0.1', (err) => {
        if (err) reject(err);
        if (--left === 0) s.close(() => resolve());
      });
    }
  });
}

/** Open a stream, write the bytes, end it; resolves when the server closed or the write finished. */
export function sendStream(port: number, bytes: Buffer | string, tls?: { ca: string; cert?: string; key?: string }): Promise<void> {
  return new Promise((resolve) => {
    const socket = tls ? tlsConnect({ host: '127.0.0.1', port, ca: tls.ca, cert: tls.cert, key: tls.key, servername: '' }) : tcpConnect({ host: '127.0.0.1', port });
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.end(bytes));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

/** Octet-counted frame (RFC 6587 3.4.1). */
export const octet = (m: string) => `${Buffer.byteLength(m)} ${m}`;

export async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * 10,000 hostile inputs: 9,500 datagrams (random binary, 1 in 100 near the UDP maximum, PRI then
 * garbage, broken RFC 5424 headers) and 500 streams (binary, absurd and truncated octet counts,
 * over-long lines, random counted frames).
 */
export function fuzzInputs(random: (n: number) => Buffer): { datagrams: Buffer[]; streams: Buffer[] } {
  const datagrams: Buffer[] = [];
  for (let i = 0; i < 9500; i++) {
    const k = i % 100;
    if (k === 0) datagrams.push(Buffer.concat([Buffer.from('<189>'), random(60_000)]));
    else if (k % 3 === 0) datagrams.push(Buffer.concat([Buffer.from('<189>1: %SYS-5-CONFIG_I: Configured from '), random(k * 3)]));
    else if (k % 7 === 0) datagrams.push(Buffer.concat([Buffer.from('<13>1 2026-11-25T07:40:01Z h a p m [x@1 k="'), random(k)]));
    else datagrams.push(random(1 + ((k * 37) % 400)));
  }
  const streams: Buffer[] = [];
  for (let i = 0; i < 500; i++) {
    const k = i % 5;
    const junk = random(50 + ((i * 53) % 300));
    streams.push(
      k === 0
        ? random(5000)
        : k === 1
          ? Buffer.concat([Buffer.from(`${100_000 + i * 997} `), junk])
          : k === 2
            ? Buffer.concat([Buffer.from('<13>'), random(20_000)])
            : k === 3
              ? Buffer.from(`${junk.length + 50} <13>`)
              : Buffer.concat([Buffer.from(`${junk.length} `), junk]),
    );
  }
  return { datagrams, streams };
}
