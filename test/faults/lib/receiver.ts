/** A real HTTP webhook receiver on 127.0.0.1 that keeps every alert it is sent; it can answer slowly, fail or hang. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  kind: string;
  device: string;
  commit?: string;
  diff?: string;
  summary: string;
  severity: string;
  /** Header X-Driftwatch-Alert-Id: must equal the body id. */
  headerId: string;
}

export type Mode = { kind: 'ok' } | { kind: 'slow'; ms: number } | { kind: 'fail'; status: number } | { kind: 'hang' };

export interface Receiver {
  url: string;
  alerts: Received[];
  /** Requests received and not yet answered (a hanging or slow receiver). */
  pending: number;
  requests: number;
  mode: Mode;
  close(): Promise<void>;
}

export async function startReceiver(mode: Mode = { kind: 'ok' }): Promise<Receiver> {
  const open = new Set<ServerResponse>();
  const r: Receiver = { url: '', alerts: [], pending: 0, requests: 0, mode, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.requests++;
      const m = r.mode;
      if (m.kind === 'ok' || m.kind === 'slow') {
        // Only an accepted request counts as received: a failing one is not delivered.
        try {
          const a = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          r.alerts.push({ id: a.id, kind: a.kind, device: a.device?.name, commit: a.commit, diff: a.diff, summary: a.summary, severity: a.severity, headerId: String(req.headers['x-driftwatch-alert-id'] ?? '') });
        } catch {
          r.alerts.push({ id: '?', kind: 'unparsable', device: '?', summary: '', severity: '', headerId: '' });
        }
      }
      if (m.kind === 'ok') return void res.end('ok');
      if (m.kind === 'fail') return void ((res.statusCode = m.status), res.end('fail'));
      r.pending++;
      open.add(res);
      res.on('close', () => (r.pending--, open.delete(res)));
      if (m.kind === 'slow') setTimeout(() => res.end('ok'), m.ms).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () =>
    new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}
