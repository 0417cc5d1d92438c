/**
 * The optional data files the user maintains: `software.versions_file` (minimum/recommended
 * versions, end-of-life) and `integrity.known_good` (vendor-published image hashes). YAML;
 * every problem names the file and line.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { resolvePlatform } from '../drivers/registry.js';
import type { KnownGoodEntry } from './integrity/hash-output.js';
import { PackError } from './pack-load.js';
import type { VersionPolicy } from './software/changes.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const versionsSchema = z.strictObject({
  versions: z.array(
    z.strictObject({
      platform: z.string().min(1),
      model: z.string().min(1).optional(),
      version: z.string().min(1).optional(),
      minimum: z.string().min(1).optional(),
      recommended: z.string().min(1).optional(),
      end_of_life: date.optional(),
    }),
  ),
});
const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${n}}$`), `${n} hex digits`);
const knownGoodSchema = z.strictObject({
  images: z.array(z.strictObject({ image: z.string().min(1), sha512: hex(128).optional(), sha256: hex(64).optional(), md5: hex(32).optional() })),
});

function parseFile<T>(text: string, file: string, schema: z.ZodType<T>): T {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) throw new PackError(doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`));
  const r = schema.safeParse(doc.toJS());
  if (r.success) return r.data;
  throw new PackError(
    r.error.issues.map((i) => {
      let line = 1;
      for (let n = i.path.length; n >= 0; n--) {
        const node = doc.getIn(i.path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) {
          line = lc.linePos(node.range[0]).line;
          break;
        }
      }
      return `${file}:${line}: ${i.path.join('.')}: ${i.message}`;
    }),
  );
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export function parseVersionsFile(text: string, file: string): VersionPolicy[] {
  const data = parseFile(text, file, versionsSchema);
  const bad = data.versions.map((v, i) => [v, i] as const).filter(([v]) => !resolvePlatform(v.platform));
  if (bad.length) throw new PackError(bad.map(([v, i]) => `${file}: versions.${i}.platform: unknown platform ${JSON.stringify(v.platform)}`));
  // checkVersion compiles `model` on every cycle: a bad pattern must stop here, not in the cycle.
  const badModel = data.versions.map((v, i) => [v, i] as const).filter(([v]) => v.model !== undefined && !compiles(v.model));
  if (badModel.length) throw new PackError(badModel.map(([v, i]) => `${file}: versions.${i}.model: invalid regular expression ${JSON.stringify(v.model)}`));
  return data.versions.map((v) => ({ ...v, platform: resolvePlatform(v.platform)! }));
}

export function parseKnownGood(text: string, file: string): KnownGoodEntry[] {
  return parseFile(text, file, knownGoodSchema).images;
}

export const loadVersionsFile = (file: string) => parseVersionsFile(readFileSync(file, 'utf8'), file);
export const loadKnownGood = (file: string) => parseKnownGood(readFileSync(file, 'utf8'), file);

/** A data file named in the config, relative to the config file's folder. */
export function dataFilePath(cfg: { file: string }, path: string): string {
  return resolve(dirname(cfg.file), path);
}

/**
 * `validate`'s check of the configured data files: each problem names the file (and line), empty
 * when both parse. An unreadable file is a problem too.
 */
export function dataFileProblems(cfg: { file: string; software?: { versions_file?: string }; integrity?: { known_good: string } }): string[] {
  const problems: string[] = [];
  const check = (key: string, path: string | undefined, load: (file: string) => unknown) => {
    if (!path) return;
    const file = dataFilePath(cfg, path);
    try {
      load(file);
    } catch (err) {
      if (err instanceof PackError) problems.push(...err.problems);
      else problems.push(`${file}: ${key}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  };
  check('software.versions_file', cfg.software?.versions_file, loadVersionsFile);
  check('integrity.known_good', cfg.integrity?.known_good, loadKnownGood);
  return problems;
}
