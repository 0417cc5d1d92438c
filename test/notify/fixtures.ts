// Shared test data and loopback servers for the notify tests (not a test file itself).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../src/notify/types.js';

export function makeAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a-42',
    kind: 'drift-new',
    severity: 'critical',
    device: { name: 'sw1', host: '10.0.0.1', platform: 'cisco_ios', group: 'core', tags: ['dc1', 'edge'] },
    summary: 'unauthorized change: +3 -1 lines',
    stats: { added: 3, removed: 1 },
    diff: '--- a/sw1\n+++ b/sw1\n@@ -10,4 +10,6 @@\n line vty 0 4\n- transport input ssh\n+ transport input all\n+ password 7 <masked>\n+ exec-timeout 0 0\n',
    sections: ['line vty 0 4'],
    attribution: { user: 'alice', source: '10.9.9.9', at: '2024-05-01T10:00:00Z' },
    commit: '0123456789abcdef0123456789abcdef01234567',
    baselineCommit: 'fedcba9876543210fedcba9876543210fedcba98',
    detectedAt: '2024-05-01T10:05:00Z',
    ...over,
  };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpSink {
  url: string;
  port: number;
  received: Received[];
  /** Status to answer with (default 200). */
  status: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 recording every request. */
export async function startHttpSink(port = 0, handler?: (req: Received, res: ServerResponse) => boolean): Promise<HttpSink> {
  const received: Received[] = [];
  const sink = { received, status: 200 } as HttpSink;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      if (handler?.(r, res)) return;
      res.statusCode = sink.status;
      res.end(sink.status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  sink.port = (server.address() as AddressInfo).port;
  sink.url = `http://127.0.0.1:${sink.port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

/** A loopback port with nothing listening on it (bound then released). */
export async function freePort(): Promise<number> {
  const s = await startHttpSink();
  const port = s.port;
  await s.close();
  return port;
}
