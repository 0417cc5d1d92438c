/**
 * What a login needs, checked before any pull: each credential set has a password or a key, and
 * each key file can be read. Found by `validate` (and at the start of pull and daemon) instead of
 * as one auth failure per device at pull time.
 */
import { accessSync, constants, statSync } from 'node:fs';
import type { CredentialSet } from './schema.js';
import type { ConfigProblem } from './problems.js';

/** Why a key file cannot be used, or undefined when it can be read. The I/O edge, swappable in tests. */
export type KeyFileCheck = (path: string) => string | undefined;

export const readableFile: KeyFileCheck = (path) => {
  try {
    if (!statSync(path).isFile()) return 'is not a regular file';
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'does not exist';
    if (code === 'EACCES') return 'is not readable by this user';
    return `cannot be read (${code ?? String(err)})`;
  }
};

/**
 * Pure apart from `keyFile`. `sets` are expanded; `unset` names the fields whose variables were
 * missing (already reported, so not checked twice).
 */
export function checkLogin(
  sets: ReadonlyMap<string, CredentialSet>,
  unset: ReadonlySet<string>,
  file: string,
  lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined,
  keyFile: KeyFileCheck,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, set] of sets) {
    const at = (key?: string) => lineOf(key ? ['credentials', name, key] : ['credentials', name]);
    const hasPassword = set.password !== undefined || unset.has(`${name}.password`);
    const hasKey = set.private_key_file !== undefined;
    if (!hasPassword && !hasKey) {
      problems.push({ file, line: at(), message: `credentials.${name}: needs password or private_key_file (a username alone cannot log in)` });
    }
    if (hasKey && !unset.has(`${name}.private_key_file`)) {
      const why = set.private_key_file ? keyFile(set.private_key_file) : 'is empty';
      if (why) problems.push({ file, line: at('private_key_file'), message: `credentials.${name}.private_key_file: ${set.private_key_file} ${why}` });
    }
  }
  return problems;
}
