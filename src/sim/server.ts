/**
 * The network side of one simulated device: a TCP listener whose sockets are handed to an ssh2
 * `Server` (created on first use, and again after a host-key rotation). Authentication is
 * delegated to auth.ts, channels to shell.ts / exec.ts.
 */
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection, type Server as SshServer, type ServerChannel } from 'ssh2';
import { authenticate } from './auth.js';
import type { SimDevice } from './device.js';
import { runExec } from './exec.js';
import { ShellSession } from './shell.js';

/** What a channel handler needs from its connection. */
export interface ConnectionContext {
  /** The TCP socket (for faults that drop the connection). */
  socket?: Socket;
  /** Cursor into an ordered transcript, shared by the channels of one connection. */
  cursor: number;
}

export class DeviceServer {
  private readonly net: NetServer;
  private ssh?: SshServer;
  private readonly sockets = new Set<Socket>();
  /** Sockets by remote `address:port`, to find the socket of an ssh2 connection. */
  private readonly byRemote = new Map<string, Socket>();
  port = 0;

  constructor(private readonly device: SimDevice) {
    this.net = createServer((socket) => this.accept(socket));
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.net.once('error', onError);
      this.net.listen({ host, port, backlog: 511 }, () => {
        this.net.off('error', onError);
        this.net.on('error', () => {});
        const address = this.net.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }

  /** Forget the SSH server so the next connection gets one with the device's current host key. */
  resetSsh(): void {
    this.ssh = undefined;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.net.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private accept(socket: Socket): void {
    this.device.stats.connections++;
    this.sockets.add(socket);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    this.byRemote.set(remote, socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (this.byRemote.get(remote) === socket) this.byRemote.delete(remote);
    });
    this.sshServer().injectSocket(socket);
  }

  private sshServer(): SshServer {
    if (!this.ssh) {
      const algorithms = this.device.kex ? { algorithms: { kex: this.device.kex as ssh2.KexAlgorithm[] } } : {};
      this.ssh = new ssh2.Server({ hostKeys: [{ key: this.device.hostKey.parsed }], ident: this.device.ident, ...algorithms }, (conn, info) =>
        this.onConnection(conn, this.byRemote.get(`${info.ip}:${info.port}`)),
      );
    }
    return this.ssh;
  }

  private onConnection(conn: Connection, socket: Socket | undefined): void {
    const device = this.device;
    const ctx: ConnectionContext = { socket, cursor: 0 };
    conn.on('error', () => {});
    conn.on('authentication', (auth) => authenticate(device, auth));
    conn.on('ready', () => {
      device.stats.logins++;
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept?.());
        session.on('window-change', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        session.on('shell', (accept) => {
          const channel: ServerChannel = accept();
          device.stats.sessions++;
          device.stats.shells++;
          new ShellSession(device, channel, ctx).start();
        });
        session.on('exec', (accept, _reject, info) => {
          const channel: ServerChannel = accept();
          device.stats.sessions++;
          device.stats.execs++;
          runExec(device, channel, info.command, ctx);
        });
      });
    });
  }
}
