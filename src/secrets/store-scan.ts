/**
 * Does the store's work tree already hold fingerprints? Asked only when the key file is missing
 * (rare), so a plain walk is fine. The store is hostile input: symlinks are not followed.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FINGERPRINT_ANYWHERE = /<secret:[0-9a-f]{10}>/;

export function storeHasFingerprints(storeDir: string): boolean {
  const walk = (dir: string): boolean => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return false;
    }
    for (const name of entries) {
      if (name === '.git') continue;
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory() && walk(path)) return true;
      if (st.isFile() && FINGERPRINT_ANYWHERE.test(readFileSync(path, 'latin1'))) return true;
    }
    return false;
  };
  return walk(storeDir);
}
