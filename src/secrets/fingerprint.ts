/**
 * Keyed fingerprints of secrets. Pure (the key is passed in): HMAC-SHA256(key, device + NUL + token),
 * first 10 hex digits. Keyed so nothing stored can be tested offline against guesses; salted by the
 * device name so the same password on two devices does not look the same.
 */
import { createHmac } from 'node:crypto';
import type { SecretMask } from '../drivers/types.js';

export const FINGERPRINT_KEY_BYTES = 32;

export function fingerprint(key: Buffer, device: string, token: string): string {
  const mac = createHmac('sha256', key).update(device, 'utf8').update('\0').update(token, 'utf8').digest('hex');
  return `<secret:${mac.slice(0, 10)}>`;
}

/** The mask function a driver's `maskSecrets(config, mask)` takes, for one device. */
export function fingerprinter(key: Buffer, device: string): SecretMask {
  if (key.length !== FINGERPRINT_KEY_BYTES) throw new Error(`fingerprint key must be ${FINGERPRINT_KEY_BYTES} bytes, got ${key.length}`);
  const k = Buffer.from(key); // our own copy: a caller zeroing or reusing its buffer cannot change fingerprints
  return (token) => fingerprint(k, device, token);
}
