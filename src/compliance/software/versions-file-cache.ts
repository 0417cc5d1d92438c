/**
 * The versions file as the cycle sees it: read again only when its size or mtime changed (an
 * edited file takes effect at the next cycle, without a reload), and a broken file is logged once
 * per change, never a reason to stop pulling.
 */
import { statSync } from 'node:fs';
import { dataFilePath, loadVersionsFile } from '../data-files.js';
import type { VersionPolicy } from './changes.js';

interface Cached {
  stamp: string;
  policies: VersionPolicy[] | undefined;
}

const cache = new Map<string, Cached>();

/** Undefined when no versions file is configured, or it is unreadable or invalid (`onError` told once). */
export function currentVersionPolicies(cfg: { file: string; software?: { versions_file?: string } }, onError: (message: string) => void): VersionPolicy[] | undefined {
  const configured = cfg.software?.versions_file;
  if (!configured) return undefined;
  const file = dataFilePath(cfg, configured);
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch (err) {
    stamp = `missing:${(err as NodeJS.ErrnoException).code}`;
  }
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.policies;
  let policies: VersionPolicy[] | undefined;
  try {
    policies = loadVersionsFile(file);
  } catch (err) {
    onError(`software.versions_file: ${(err as Error).message}`);
  }
  cache.set(file, { stamp, policies });
  return policies;
}
