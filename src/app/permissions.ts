/**
 * The store holds every device's config and the state its host keys: other users of the
 * management host must not read or change them. New files are private anyway (the CLI runs with
 * umask 077); this refuses to start on existing ones that others can read or write, unless the
 * operator says `allow_insecure_permissions: true`.
 */
import { existsSync, statSync } from 'node:fs';

export class InsecurePermissionsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `refusing to start: ${problems.join('; ')}. Fix with chmod (e.g. chmod -R go-rwx <path>), ` +
        'or set allow_insecure_permissions: true if other users of this host must share them.',
    );
    this.name = 'InsecurePermissionsError';
  }
}

/** Paths (files or folders) that must not be open to group or others; missing ones are skipped. */
export function insecurePaths(paths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const p of paths) {
    if (!p || p === ':memory:' || !existsSync(p)) continue;
    const mode = statSync(p).mode & 0o777;
    if (mode & 0o077) problems.push(`${p} is ${mode.toString(8).padStart(3, '0')} (readable or writable by other users)`);
  }
  return problems;
}

export function checkPermissions(paths: readonly string[], allowInsecure: boolean): void {
  const problems = insecurePaths(paths);
  if (problems.length && !allowInsecure) throw new InsecurePermissionsError(problems);
}
