/**
 * The fingerprint key as the pull pipeline uses it: loaded (or created) once, reloaded when the
 * file changes (`secrets rekey` from another process), and turned into one mask function per device.
 * The lead's composition root should call `loadFingerprintKey(cfg)` at start so a lost key is one
 * clear error before any pull; pull-device.ts falls back to `secretMaskFor` when no mask is injected.
 */
import { statSync } from 'node:fs';
import type { SecretMask } from '../drivers/types.js';
import { fingerprinter } from './fingerprint.js';
import { fingerprintKeyPath, loadOrCreateKey } from './key-file.js';
import { storeHasFingerprints } from './store-scan.js';

export interface SecretsConfig {
  file: string;
  state: string;
  store: string;
  mask_secrets: 'fingerprint' | 'constant' | false;
  fingerprint_key_file?: string;
}

const cache = new Map<string, { stamp: string; key: Buffer }>();

function stampOf(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/** The key (created on first run); throws FingerprintKeyError when missing but the store has fingerprints. */
export function loadFingerprintKey(cfg: SecretsConfig): Buffer {
  const path = fingerprintKeyPath(cfg);
  const stamp = stampOf(path);
  const hit = cache.get(path);
  if (hit && hit.stamp === stamp) return hit.key;
  const key = loadOrCreateKey(path, () => storeHasFingerprints(cfg.store));
  cache.set(path, { stamp: stampOf(path), key });
  return key;
}

/** The mask for one device's pull: a fingerprinter in `fingerprint` mode, else undefined (driver constant). */
export function secretMaskFor(cfg: SecretsConfig, device: { name: string }): SecretMask | undefined {
  if (cfg.mask_secrets !== 'fingerprint') return undefined;
  return fingerprinter(loadFingerprintKey(cfg), device.name);
}
