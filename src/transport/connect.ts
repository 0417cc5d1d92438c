/**
 * Open an authenticated ssh2 connection. Algorithms are the exact lists of algorithms.ts; the
 * host key is checked inside ssh2's handshake, so a refused key (or a failed negotiation) aborts
 * before any credential is sent.
 */
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { PullError, asPullError } from '../core/errors.js';
import { algorithmsFor } from './algorithms.js';
import { classifySshError } from './classify.js';
import { handshakeFromDebug, isHandshakeDebugLine } from '../compliance/handshake-debug.js';
import { toHandshake, type Handshake, type Negotiated } from './handshake.js';
import { describeHostKey, type HostKeyCheck } from './host-key.js';
import { OfferLog } from './negotiation.js';
import type { SessionOptions, SshTarget, SshTimeouts } from './types.js';

export interface Connected {
  client: Client;
  /** The device's handshake (not the jump host's). */
  handshake: Handshake;
}

/**
 * The authenticated session to the device: directly, or through its jump host (whose own key is
 * pinned and checked the same way). Closing the device session closes the jump session.
 */
export async function connect(opts: SessionOptions): Promise<Connected> {
  const direct = { timeouts: opts.timeouts, signal: opts.signal };
  const device = { ...direct, target: opts.target, checkHostKey: opts.checkHostKey, legacy: opts.legacyAlgorithms ?? false };
  if (!opts.jump) return connectDirect(device);
  const jump = opts.jump;
  const { client: jumpClient } = await connectDirect(
    { ...direct, target: jump.target, checkHostKey: jump.checkHostKey, legacy: jump.legacyAlgorithms ?? false },
    undefined,
    `jump host ${jump.name} `,
  );
  try {
    const stream = await new Promise<Duplex>((resolve, reject) =>
      jumpClient.forwardOut('127.0.0.1', 0, opts.target.host, opts.target.port, (err, channel) =>
        err
          ? reject(new PullError('unreachable', `jump host ${jump.name}: cannot reach ${opts.target.host}:${opts.target.port}: ${err.message}`))
          : resolve(channel),
      ),
    );
    const connected = await connectDirect(device, stream);
    connected.client.once('close', () => jumpClient.end());
    return connected;
  } catch (err) {
    jumpClient.end();
    throw err;
  }
}

interface DirectOptions {
  target: SshTarget;
  timeouts: SshTimeouts;
  checkHostKey: HostKeyCheck;
  legacy: boolean;
  signal?: AbortSignal;
}

function connectDirect(opts: DirectOptions, sock?: Duplex, label = ''): Promise<Connected> {
  const { target, timeouts, checkHostKey, signal } = opts;
  const where = `${label}${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const client = new Client();
    const offers = new OfferLog();
    /** The server's ident and KEXINIT lines of the first handshake (compliance evidence). */
    const serverLines: string[] = [];
    let capturing = true;
    let settled = false;
    let presented: Buffer | undefined;
    let negotiated: Negotiated | undefined;
    /** Set when the host key was refused (or the check itself failed): the error that follows is ours. */
    let refusal: PullError | undefined;
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
    client.on('handshake', (n: Negotiated) => {
      offers.stop();
      capturing = false;
      negotiated ??= n;
      clearTimeout(timer);
      timer = setTimeout(() => fail(new PullError('timeout', `${where}: authentication not done within ${timeouts.authMs / 1000}s`)), timeouts.authMs);
    });
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      const server = handshakeFromDebug(serverLines);
      const { serverIdent, ...offered } = server;
      resolve({ client, handshake: toHandshake(negotiated!, presented, { serverIdent, offered }) });
    });
    client.on('error', (err: Error & { level?: string }) => {
      fail(refusal ?? offers.explain(err?.message ?? '', where, opts.legacy) ?? classifySshError(err, where));
    });
    client.on('close', () => fail(refusal ?? new PullError('protocol', `${where}: connection closed during login`)));
    // Devices that only offer keyboard-interactive get the password for every prompt.
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
      finish(prompts.map(() => target.password ?? ''));
    });

    const connectConfig = {
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
      algorithms: algorithmsFor(opts.legacy),
      debug: (line: string) => {
        offers.debug(line);
        if (capturing && serverLines.length < 16 && isHandshakeDebugLine(line)) serverLines.push(line);
      },
      hostVerifier: (blob: Buffer) => {
        presented ??= Buffer.from(blob);
        const key = { ...describeHostKey(blob), blob: Buffer.from(blob) };
        let decision;
        try {
          decision = checkHostKey(key.keyType, key.fingerprint, key);
        } catch (err) {
          // A failing check (state file unreadable...) is our fault, never a reason to trust the key.
          refusal = asPullError(err);
          return false;
        }
        if (decision === 'accept') return true;
        const reason = typeof decision === 'object' ? decision.refuse : 'does not match the pinned key';
        refusal = new PullError('host-key-mismatch', `${where}: host key ${key.keyType} ${key.fingerprint} ${reason}; refused before authentication`);
        return false;
      },
    };
    try {
      client.connect(connectConfig);
    } catch (err) {
      // ssh2 parses the key up front: an unusable key file is the credentials' problem (no key material in the message).
      const message = (err as Error)?.message ?? '';
      fail(/privateKey|passphrase/i.test(message) ? new PullError('auth', `${where}: cannot use the private key: ${message.slice(0, 200)}`) : asPullError(err));
    }
  });
}
