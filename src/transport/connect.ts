/**
 * Open an authenticated ssh2 connection. The host key is checked inside ssh2's handshake, so a
 * mismatching key aborts before any credential is sent.
 */
import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { PullError } from '../core/errors.js';
import { classifySshError } from './classify.js';
import { describeHostKey } from './host-key.js';
import type { SessionOptions } from './types.js';

/** Fast, widely supported algorithms first (the handshake dominates pull cost on big fleets). */
const ALGORITHMS: ConnectConfig['algorithms'] = {
  kex: {
    prepend: ['curve25519-sha256', 'curve25519-sha256@libssh.org', 'ecdh-sha2-nistp256'],
    append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'diffie-hellman-group-exchange-sha1'],
  } as never,
  serverHostKey: { append: ['ssh-rsa', 'ssh-dss'] } as never,
  cipher: { prepend: ['aes128-gcm@openssh.com', 'aes128-ctr'], append: ['aes128-cbc', 'aes256-cbc', '3des-cbc'] } as never,
};

/**
 * The authenticated session to the device: directly, or through its jump host (whose own key is
 * pinned and checked the same way). Closing the device session closes the jump session.
 */
export async function connect(opts: SessionOptions): Promise<Client> {
  if (!opts.jump) return connectDirect(opts);
  const jump = opts.jump;
  const jumpClient = await connectDirect({ ...opts, target: jump.target, checkHostKey: jump.checkHostKey }, undefined, `jump host ${jump.name} `);
  try {
    const stream = await new Promise<Duplex>((resolve, reject) =>
      jumpClient.forwardOut('127.0.0.1', 0, opts.target.host, opts.target.port, (err, channel) =>
        err
          ? reject(new PullError('unreachable', `jump host ${jump.name}: cannot reach ${opts.target.host}:${opts.target.port}: ${err.message}`))
          : resolve(channel),
      ),
    );
    const client = await connectDirect(opts, stream);
    client.once('close', () => jumpClient.end());
    return client;
  } catch (err) {
    jumpClient.end();
    throw err;
  }
}

function connectDirect(opts: SessionOptions, sock?: Duplex, label = ''): Promise<Client> {
  const { target, timeouts, checkHostKey, signal } = opts;
  const where = `${label}${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let settled = false;
    let hostKeyRejected: { keyType: string; fingerprint: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: PullError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      client.destroy();
      reject(err);
    };
    const onAbort = () => fail(new PullError('timeout', `${where}: aborted (${String(signal?.reason ?? 'deadline')})`));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    timer = setTimeout(() => fail(new PullError('timeout', `${where}: no SSH handshake within ${timeouts.connectMs / 1000}s`)), timeouts.connectMs);
    // ssh2 leaves Nagle on: every small prompt/command round trip would wait for a delayed ACK (~40 ms).
    if (!sock) client.on('connect', () => client.setNoDelay(true));
    client.on('handshake', () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new PullError('timeout', `${where}: authentication not done within ${timeouts.authMs / 1000}s`)), timeouts.authMs);
    });
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.on('error', (err) => {
      if (hostKeyRejected) {
        fail(
          new PullError(
            'host-key-mismatch',
            `${where}: host key ${hostKeyRejected.keyType} ${hostKeyRejected.fingerprint} does not match the pinned key; refused before authentication`,
          ),
        );
      } else fail(classifySshError(err, where));
    });
    client.on('close', () => fail(new PullError('protocol', `${where}: connection closed during login`)));
    // Devices that only offer keyboard-interactive get the password for every prompt.
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
      finish(prompts.map(() => target.password ?? ''));
    });

    client.connect({
      host: target.host,
      port: target.port,
      sock: sock as never,
      username: target.username,
      password: target.password,
      privateKey: target.privateKey,
      passphrase: target.passphrase,
      tryKeyboard: target.password !== undefined,
      readyTimeout: timeouts.connectMs + timeouts.authMs + 5000,
      keepaliveInterval: 0,
      algorithms: ALGORITHMS,
      hostVerifier: (key: Buffer) => {
        const presented = describeHostKey(key);
        if (checkHostKey(presented.keyType, presented.fingerprint) === 'accept') return true;
        hostKeyRejected = presented;
        return false;
      },
    });
  });
}
