/** Trust on first use: pin the first key a device shows, refuse any other key afterwards. */
import type { HostKeyCheck } from '../transport/host-key.js';

export interface HostKeyStore {
  getHostKey(device: string): { keyType: string; fingerprint: string } | undefined;
  pinHostKey(device: string, keyType: string, fingerprint: string, now: Date): void;
}

export interface HostKeyEvent {
  device: string;
  expected: string;
  presented: string;
}

export function pinOnFirstUse(store: HostKeyStore, device: string, now: () => Date, onMismatch?: (e: HostKeyEvent) => void): HostKeyCheck {
  return (keyType, fingerprint) => {
    const pinned = store.getHostKey(device);
    if (!pinned || (pinned.keyType === keyType && pinned.fingerprint === fingerprint)) {
      store.pinHostKey(device, keyType, fingerprint, now());
      return 'accept';
    }
    onMismatch?.({ device, expected: `${pinned.keyType} ${pinned.fingerprint}`, presented: `${keyType} ${fingerprint}` });
    return 'reject';
  };
}
