/**
 * The store's own .git/config is hostile input: someone with write access to the store folder
 * could add a filter driver (`filter.x.smudge = <program>` plus a .gitattributes line) or an
 * `include.path`. git-exec.ts overrides the generic settings; this reads the repository's config
 * (reading runs nothing), names what it found for the log, and neutralises every declared
 * filter driver by name, which no fixed list can do.
 */
import { runGit, setRepoOverrides } from './git-exec.js';

/** Keys whose value can make git run a program or read more config. */
const RISKY = /^(core\.(hookspath|fsmonitor|sshcommand|pager|editor|askpass|gitproxy)|include\.|includeif\.|filter\.|diff\.[^.]+\.(textconv|command)|alias\.|credential\.|uploadpack\.|remote\.|url\.|http\.|gpg\.)/i;

export async function guardRepoConfig(dir: string): Promise<string[]> {
  // --no-includes: an include in a hostile config must not be followed even to read it.
  const r = await runGit(dir, ['config', '--local', '--no-includes', '--null', '--list']);
  const keys = r.code === 0 ? r.stdout.toString('utf8').split('\0').map((e) => e.split('\n')[0]!).filter(Boolean) : [];
  const filters = new Set<string>();
  for (const key of keys) {
    const m = /^filter\.(.+)\.(clean|smudge|process|required)$/i.exec(key);
    if (m) filters.add(m[1]!);
  }
  setRepoOverrides(dir, [...filters].flatMap((name) => [`filter.${name}.clean=cat`, `filter.${name}.smudge=cat`, `filter.${name}.process=`, `filter.${name}.required=false`]));
  return keys.filter((k) => RISKY.test(k));
}
