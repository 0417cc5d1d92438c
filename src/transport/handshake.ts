/**
 * What one SSH handshake agreed on, as evidence for compliance rules and for `status`: the
 * negotiated algorithms, the type and size of the key the device presented, and what the device
 * offered (a device negotiating curve25519 with driftwatch may still accept group1-sha1).
 */
import type { OfferedAlgorithms } from '../compliance/handshake-debug.js';
import { describeHostKey } from './host-key.js';

export interface Handshake {
  /** Key exchange, e.g. `curve25519-sha256`. */
  kex: string;
  /** Host key signature algorithm, e.g. `rsa-sha2-512` (an RSA key may sign with SHA-1 or SHA-2). */
  hostKey: string;
  /** Client-to-server cipher (`c2s/s2c` when the two directions differ). */
  cipher: string;
  /** Client-to-server MAC; `<implicit>` for AEAD ciphers (GCM, ChaCha20-Poly1305), as OpenSSH says. */
  mac: string;
  /** Key type in the presented key blob, e.g. `ssh-rsa`, `ssh-ed25519`. */
  hostKeyType: string;
  /** Key size in bits (RSA modulus, DSA p, curve size); 0 when the blob could not be read. */
  hostKeyBits: number;
  /** OpenSSH-style `SHA256:...` fingerprint of the presented key. */
  hostKeyFingerprint: string;
  /** Server identification, e.g. `SSH-1.99-Cisco-1.25` (absent when ssh2 did not log it). */
  serverIdent?: string;
  /** The server's own KEXINIT lists (absent when ssh2 did not log them). */
  offered?: OfferedAlgorithms;
}

/** What the debug lines of the handshake said about the server (see compliance/handshake-debug.ts). */
export interface ServerOffer {
  serverIdent?: string;
  offered?: OfferedAlgorithms;
}

/** The part of ssh2's `handshake` event this module reads. */
export interface Negotiated {
  kex: string;
  serverHostKey: string;
  cs: { cipher: string; mac: string };
  sc: { cipher: string; mac: string };
}

export function toHandshake(n: Negotiated, hostKeyBlob: Buffer | undefined, server: ServerOffer = {}): Handshake {
  const both = (a: string, b: string) => (a === b ? a : `${a}/${b}`);
  const mac = (m: string) => m || '<implicit>';
  const key = hostKeyBlob ? describeHostKey(hostKeyBlob) : { keyType: 'unknown', fingerprint: '' };
  return {
    kex: n.kex,
    hostKey: n.serverHostKey,
    cipher: both(n.cs.cipher, n.sc.cipher),
    mac: both(mac(n.cs.mac), mac(n.sc.mac)),
    hostKeyType: key.keyType,
    hostKeyBits: hostKeyBlob ? hostKeyBits(hostKeyBlob) : 0,
    hostKeyFingerprint: key.fingerprint,
    ...(server.serverIdent ? { serverIdent: server.serverIdent } : {}),
    ...(server.offered && Object.keys(server.offered).length ? { offered: server.offered } : {}),
  };
}

/** Reads SSH wire-format strings/mpints from an untrusted blob; undefined past the end. */
function fields(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 4 <= blob.length && out.length < 8; ) {
    const len = blob.readUInt32BE(at);
    if (at + 4 + len > blob.length) break;
    out.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

function mpintBits(n: Buffer | undefined): number {
  if (!n) return 0;
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
}

/** Size of a public key from its SSH blob (RFC 4253 6.6, RFC 5656, RFC 8709). */
export function hostKeyBits(blob: Buffer): number {
  const f = fields(blob);
  const type = f[0]?.toString('latin1') ?? '';
  if (type === 'ssh-ed25519') return 256;
  if (type === 'ssh-ed448') return 448;
  const curve = /^ecdsa-sha2-nistp(\d+)$/.exec(type);
  if (curve) return Number(curve[1]);
  if (type === 'ssh-rsa') return mpintBits(f[2]); // e, then n
  if (type === 'ssh-dss') return mpintBits(f[1]); // p, q, g, y
  return 0;
}
