/** SSH host keys for simulated devices: generate once, share across a fleet, replace on rotation. */
import { createHash } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2; // CommonJS: only some names are visible as ESM named exports

export interface SimHostKey {
  /** OpenSSH private key text. */
  privateKey: string;
  /** `ssh-ed25519 AAAA...` line. */
  publicKey: string;
  parsed: ParsedKey;
  /** Public key in SSH wire format: what a client's `hostVerifier` receives. */
  blob: Buffer;
  /** OpenSSH-style `SHA256:...` fingerprint. */
  fingerprint: string;
}

export function fingerprintOf(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** Wrap an existing private key (OpenSSH or PEM text). */
export function hostKeyFromPrivate(privateKey: string, publicKey?: string): SimHostKey {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`cannot parse host key: ${parsed.message}`);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  const blob = key.getPublicSSH();
  return {
    privateKey,
    publicKey: publicKey ?? `${key.type} ${blob.toString('base64')}`,
    parsed: key,
    blob,
    fingerprint: fingerprintOf(blob),
  };
}

/**
 * A fresh ed25519 key pair. ssh2's generator drops a leading zero byte about once in 256 keys,
 * giving a key its own parser rejects: such keys are discarded and another one is made.
 */
export function generateHostKey(): SimHostKey {
  for (let attempt = 1; ; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    try {
      const key = hostKeyFromPrivate(pair.private, pair.public);
      const probe = Buffer.from('driftwatch-sim');
      if (key.blob.length === 51 && key.parsed.verify(probe, key.parsed.sign(probe)) === true) return key;
    } catch (err) {
      if (attempt >= 20) throw err;
    }
  }
}
