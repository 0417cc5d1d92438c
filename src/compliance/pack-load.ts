/**
 * Rule packs from YAML: one file per pack. Parsing is pure (`parsePack`); every problem names the
 * pack file and line. Built-in packs live in src/compliance/packs/ and are found from dist/ too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { resolvePlatform } from '../drivers/registry.js';
import { packSchema } from './pack-schema.js';
import { satisfiesNumber, satisfiesVersion } from './software/version.js';
import type { Clause, Pack, PlatformChecks, Rule } from './types.js';

/** The built-in packs folder: the same path relative to src/compliance/ and dist/compliance/ (tsc does not copy YAML). */
export const BUILTIN_PACKS_DIR = fileURLToPath(new URL('../../src/compliance/packs/', import.meta.url));

export class PackError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const REGEX_FIELDS = ['if_line', 'where', 'line', 'no_line', 'missing', 'has', 'value', 'count', 'xref', 'target', 'target_has', 'target_last_not', 'output', 'match'] as const;

function lineOf(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): number {
  // A map key names the problem better than its value (e.g. an unknown platform).
  const parent = path.length ? doc.getIn(path.slice(0, -1) as unknown[], true) : undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
  }
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

export function parsePack(text: string, file: string): Pack {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const problems: string[] = doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`);
  if (problems.length) throw new PackError(problems);
  const parsed = packSchema.safeParse(doc.toJS({ maxAliasCount: 1000 }));
  if (!parsed.success) {
    throw new PackError(parsed.error.issues.map((i) => `${file}:${lineOf(doc, lc, i.path)}: ${i.path.join('.') || 'pack'}: ${i.message}`));
  }
  const at = (path: PropertyKey[]) => `${file}:${lineOf(doc, lc, path)}`;
  const rules: Rule[] = parsed.data.rules.map((r, ri) => {
    const platforms: Record<string, PlatformChecks> = {};
    for (const [key, checks] of Object.entries(r.platforms)) {
      const id = key === 'all' ? 'all' : resolvePlatform(key);
      if (!id) problems.push(`${at(['rules', ri, 'platforms', key])}: rule ${r.id}: unknown platform ${JSON.stringify(key)}`);
      else platforms[id] = checks as PlatformChecks;
      checks.clauses.forEach((c, ci) => problems.push(...clauseProblems(c as Clause, `${at(['rules', ri, 'platforms', key, 'clauses', ci])}: rule ${r.id} ${key}`)));
      if (checks.applies_if) problems.push(...regexProblem(checks.applies_if, `${at(['rules', ri, 'platforms', key])}: rule ${r.id} ${key} applies_if`));
    }
    return { ...r, platforms, source: at(['rules', ri]) };
  });
  const seen = new Map<string, string>();
  for (const r of rules) {
    if (seen.has(r.id)) problems.push(`${r.source}: duplicate rule id ${r.id} (first at ${seen.get(r.id)})`);
    seen.set(r.id, r.source);
  }
  if (problems.length) throw new PackError(problems);
  return { name: parsed.data.pack, description: parsed.data.description, file, rules };
}

function regexProblem(source: string, where: string): string[] {
  try {
    new RegExp(source);
    return [];
  } catch (err) {
    return [`${where}: bad regex ${JSON.stringify(source)}: ${(err as Error).message}`];
  }
}

function clauseProblems(c: Clause, where: string): string[] {
  const out: string[] = [];
  for (const f of REGEX_FIELDS) if (typeof c[f] === 'string') out.push(...regexProblem(c[f], `${where} ${f}`));
  for (const step of Array.isArray(c.block) ? c.block : c.block ? [c.block] : []) out.push(...regexProblem(step, `${where} block`));
  try {
    if (c.cmp) satisfiesNumber(0, c.cmp);
    if (c.version) satisfiesVersion('1', c.version);
  } catch (err) {
    out.push(`${where}: ${(err as Error).message}`);
  }
  return out;
}

/** Every `*.yaml` pack in a folder, sorted by file name. */
export function loadPackDir(dir: string): Pack[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    throw new PackError([`${dir}: cannot read the rule pack folder: ${(err as Error).message}`]);
  }
  const packs: Pack[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      packs.push(parsePack(readFileSync(file, 'utf8'), file));
    } catch (err) {
      if (err instanceof PackError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new PackError(problems);
  return packs;
}

/** The built-in packs plus the user's (`compliance.packs`); a rule id may appear only once overall. */
export function loadPacks(userDir?: string): Pack[] {
  const packs = [...loadPackDir(BUILTIN_PACKS_DIR), ...(userDir ? loadPackDir(userDir) : [])];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const r of packs.flatMap((p) => p.rules)) {
    if (seen.has(r.id)) problems.push(`${r.source}: rule id ${r.id} is already defined at ${seen.get(r.id)}`);
    seen.set(r.id, r.source);
  }
  if (problems.length) throw new PackError(problems);
  return packs;
}
