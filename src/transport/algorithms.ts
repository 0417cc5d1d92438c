/**
 * What the client offers in the SSH handshake. By default only algorithms without known
 * weaknesses (no SHA-1, no CBC, no DSA); a device with `legacy_algorithms: true` gets the
 * legacy ones appended after them, so a device that can do better still does.
 * The lists are exact (not ssh2's defaults), so a new ssh2 release cannot widen them silently.
 */
import type { ConnectConfig } from 'ssh2';

export const MODERN = {
  kex: [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'ecdh-sha2-nistp384',
    'ecdh-sha2-nistp521',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group18-sha512',
    'diffie-hellman-group14-sha256',
  ],
  serverHostKey: ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256'],
  cipher: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr'],
  // Encrypt-then-MAC first; plain HMAC-SHA2 is still sound and is all many network OSes offer.
  hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'hmac-sha2-256', 'hmac-sha2-512'],
} as const;

export const LEGACY = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
  serverHostKey: ['ssh-rsa', 'ssh-dss'],
  cipher: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'],
  hmac: ['hmac-sha1-etm@openssh.com', 'hmac-sha1'],
} as const;

type Offer = NonNullable<ConnectConfig['algorithms']>;

/** The exact lists offered to one device. */
export function algorithmsFor(legacy: boolean): Offer {
  const pick = (k: keyof typeof MODERN) => (legacy ? [...MODERN[k], ...LEGACY[k]] : [...MODERN[k]]);
  return {
    kex: pick('kex'),
    serverHostKey: pick('serverHostKey'),
    cipher: pick('cipher'),
    hmac: pick('hmac'),
    compress: ['none'],
  } as Offer;
}

const LEGACY_NAMES: ReadonlySet<string> = new Set(Object.values(LEGACY).flat());

export function isLegacyAlgorithm(name: string): boolean {
  return LEGACY_NAMES.has(name);
}

/** Which of the four negotiated algorithms are legacy ones (empty: the device can drop the flag). */
export function legacyInUse(h: { kex: string; hostKey: string; cipher: string; mac: string }): string[] {
  return [h.kex, h.hostKey, h.cipher, h.mac].filter(isLegacyAlgorithm);
}
