/**
 * The syslog sockets: UDP datagrams, TCP and TLS streams (RFC 6587 / RFC 5425 framing). Thin
 * adapters: every frame goes to `onFrame(frame, sender address, transport)`; nothing here parses.
 * Bounded: connections (maxConnections), idle streams (idleMs), TLS handshakes (10 s).
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer as createTcpServer, type Server, type Socket as TcpSocket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { StreamFramer } from './framing.js';
import type { ListenAddress, SyslogTransport } from './listen-address.js';

export interface TlsMaterial {
  cert: string | Buffer;
  key: string | Buffer;
  /** When set, clients must present a certificate signed by it. */
  ca?: string | Buffer;
}

export interface ReceiverOptions {
  onFrame(frame: Buffer, sender: string, transport: SyslogTransport): void;
  /** A stream closed for bad framing, a TLS handshake failed, a socket errored. */
  onProblem?(transport: SyslogTransport, sender: string, problem: string): void;
  tls?: TlsMaterial;
  maxConnections?: number;
  idleMs?: number;
}

export interface BoundAddress {
  transport: SyslogTransport;
  host: string;
  port: number;
}

export interface SyslogReceiver {
  addresses: BoundAddress[];
  close(): Promise<void>;
}

/** Bind every address (all or nothing: a failure closes the ones already bound). */
export async function startReceiver(listen: readonly ListenAddress[], opts: ReceiverOptions): Promise<SyslogReceiver> {
  const closers: Array<() => Promise<void>> = [];
  const addresses: BoundAddress[] = [];
  const close = async () => {
    await Promise.all(closers.map((c) => c()));
  };
  try {
    for (const a of listen) {
      const bound = a.transport === 'udp' ? await bindUdp(a, opts) : await bindStream(a, opts);
      closers.push(bound.close);
      addresses.push({ transport: a.transport, host: a.host, port: bound.port });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { addresses, close };
}

function bindUdp(a: ListenAddress, opts: ReceiverOptions): Promise<{ port: number; close(): Promise<void> }> {
  const socket: Socket = createSocket({ type: a.host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  socket.on('message', (buf, rinfo) => {
    try {
      opts.onFrame(buf, rinfo.address, 'udp');
    } catch {
      // onFrame never throws by contract; this is the last line of defence for the socket.
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(a.port, a.host, () => {
      socket.off('error', reject);
      socket.on('error', (err) => opts.onProblem?.('udp', '', err.message));
      resolve({ port: socket.address().port, close: () => new Promise<void>((r) => socket.close(() => r())) });
    });
  });
}

function bindStream(a: ListenAddress, opts: ReceiverOptions): Promise<{ port: number; close(): Promise<void> }> {
  const transport = a.transport;
  const sockets = new Set<TcpSocket>();
  const onConnection = (socket: TcpSocket) => {
    sockets.add(socket);
    const sender = socket.remoteAddress ?? '';
    const framer = new StreamFramer();
    socket.setTimeout(opts.idleMs ?? 600_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      const r = framer.push(chunk);
      for (const f of r.frames) {
        try {
          opts.onFrame(f, sender, transport);
        } catch {
          // as above
        }
      }
      if (r.error) {
        opts.onProblem?.(transport, sender, r.error);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      if (framer.leftover) opts.onProblem?.(transport, sender, `stream ended inside a frame (${framer.leftover} bytes dropped)`);
    });
  };
  let server: Server;
  if (transport === 'tls') {
    if (!opts.tls) return Promise.reject(new Error(`${a.text}: tls:// needs syslog.tls.cert and syslog.tls.key`));
    const { cert, key, ca } = opts.tls;
    server = createTlsServer({ cert, key, ca, requestCert: !!ca, rejectUnauthorized: !!ca, handshakeTimeout: 10_000, minVersion: 'TLSv1.2' }, onConnection);
    server.on('tlsClientError', (err, s) => opts.onProblem?.('tls', s.remoteAddress ?? '', err.message));
  } else {
    server = createTcpServer(onConnection);
  }
  server.maxConnections = opts.maxConnections ?? 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(a.port, a.host, () => {
      server.off('error', reject);
      server.on('error', (err) => opts.onProblem?.(transport, '', err.message));
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : a.port,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
