import { createHash } from 'node:crypto';

/** Key type (e.g. `ssh-ed25519`) and OpenSSH-style SHA256 fingerprint of a raw SSH public key blob. */
export function describeHostKey(blob: Buffer): { keyType: string; fingerprint: string } {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const keyType = len > 0 && len < 64 && blob.length >= 4 + len ? blob.subarray(4, 4 + len).toString('latin1') : 'unknown';
  const fingerprint = 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { keyType, fingerprint };
}

/** Decision on a presented key; the collector implements it on top of the state DB (pin on first use). */
export type HostKeyCheck = (keyType: string, fingerprint: string) => 'accept' | 'reject';
