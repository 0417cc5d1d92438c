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

export function generateHostKey(): SimHostKey {
  const pair = utils.generateKeyPairSync('ed25519');
  return hostKeyFromPrivate(pair.private, pair.public);
}
