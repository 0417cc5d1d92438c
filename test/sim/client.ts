/** Test helpers: a real ssh2 client on loopback against the simulator (shell reader, exec). */
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';

export interface Connected {
  client: Client;
  /** Host key the server presented (SSH wire format). */
  hostKey: Buffer;
}

/** Connect and authenticate; rejects with the client error (auth failure, host key refused...). */
export function connect(port: number, config: Partial<ConnectConfig> & { acceptKey?: (key: Buffer) => boolean } = {}): Promise<Connected> {
  const { acceptKey, ...rest } = config;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKey: Buffer = Buffer.alloc(0);
    client.once('ready', () => resolve({ client, hostKey }));
    // Without this, Nagle + delayed ACK add ~40 ms to every small round trip on loopback.
    client.once('connect', () => client.setNoDelay(true));
    client.once('error', (err) => {
      client.destroy();
      reject(err);
    });
    client.connect({
      host: '127.0.0.1',
      port,
      username: 'admin',
      password: 'admin',
      readyTimeout: 5000,
      hostVerifier: (key: Buffer) => {
        hostKey = key;
        return acceptKey ? acceptKey(key) : true;
      },
      ...rest,
    });
  });
}

/** Accumulates shell output; `read` waits until the buffer satisfies a test, returns and clears it. */
export class ShellReader {
  buffer = '';
  closed = false;
  private wake?: () => void;

  constructor(readonly channel: ClientChannel) {
    channel.on('data', (b: Buffer) => {
      this.buffer += b.toString('utf8');
      this.wake?.();
    });
    channel.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  send(text: string): void {
    this.channel.write(text);
  }

  /** Wait until `test(buffer)` (string: buffer ends with it); returns the buffer and clears it. */
  read(test: string | ((buffer: string) => boolean), timeoutMs = 5000): Promise<string> {
    const ok = typeof test === 'string' ? (b: string) => b.endsWith(test) : test;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(new Error(`timeout waiting for output; got ${JSON.stringify(this.buffer.slice(-300))}`));
      }, timeoutMs);
      const check = () => {
        if (ok(this.buffer)) {
          clearTimeout(timer);
          this.wake = undefined;
          const out = this.buffer;
          this.buffer = '';
          resolve(out);
        } else if (this.closed) {
          clearTimeout(timer);
          this.wake = undefined;
          reject(new Error(`channel closed; got ${JSON.stringify(this.buffer.slice(-300))}`));
        }
      };
      this.wake = check;
      check();
    });
  }

  /** Resolves when the channel closes (rejects after timeoutMs). */
  waitClose(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve();
      const timer = setTimeout(() => reject(new Error('channel did not close')), timeoutMs);
      this.channel.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export function openShell(client: Client): Promise<ShellReader> {
  return new Promise((resolve, reject) => {
    client.shell({ term: 'vt100', cols: 511, rows: 0 }, (err, channel) => (err ? reject(err) : resolve(new ShellReader(channel))));
  });
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function exec(client: Client, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
      channel.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      channel.on('exit', (c: number | null) => (code = c));
      channel.on('close', () => resolve({ stdout, stderr, code }));
    });
  });
}

/** Resolves when the client's connection is gone. */
export function waitClientClose(client: Client, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connection did not close')), timeoutMs);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
