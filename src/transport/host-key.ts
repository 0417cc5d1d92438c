import { createHash } from 'node:crypto';

/** Key type (e.g. `ssh-ed25519`) and OpenSSH-style SHA256 fingerprint of a raw SSH public key blob. */
export function describeHostKey(blob: Buffer): { keyType: string; fingerprint: string } {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const keyType = len > 0 && len < 64 && blob.length >= 4 + len ? blob.subarray(4, 4 + len).toString('latin1').replace(/[^\w@.+-]/g, '?') : 'unknown';
  return { keyType, fingerprint: fingerprintOf(blob) };
}

export function fingerprintOf(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** A key as the device presented it (the blob is public: it may be stored and shown). */
export interface PresentedKey {
  keyType: string;
  fingerprint: string;
  blob: Buffer;
}

/** A refusal with its reason, e.g. "not in known_hosts (host_key_policy strict)". */
export interface HostKeyRefusal {
  refuse: string;
}

export type HostKeyDecision = 'accept' | 'reject' | HostKeyRefusal;

/**
 * Decision on a presented key, taken inside the handshake (before any credential is sent).
 * The collector implements it: pin on first use, known_hosts, a configured fingerprint.
 */
export type HostKeyCheck = (keyType: string, fingerprint: string, key?: PresentedKey) => HostKeyDecision;
