/**
 * A rule's checks for one platform, compiled once per process and reused for every device: each
 * regex built once (one RegExp object per distinct source, so the config index's per-regex memo
 * serves every rule that shares a regex), the `all` clauses merged in, the clause kind decided.
 * The engine evaluates these, never the YAML strings. Patterns were validated at pack load.
 */
import { satisfiesVersion } from './software/version.js';
import type { Clause, PlatformChecks, Rule } from './types.js';

export type ClauseKind = 'exec' | 'handshake' | 'block' | 'line' | 'no_line' | 'count' | 'value' | 'xref' | 'none';

export interface CompiledClause {
  readonly clause: Clause;
  readonly kind: ClauseKind;
  readonly ifLine?: RegExp;
  /** The clause's own pattern: line, no_line, count, value, xref, exec output, handshake match. */
  readonly main?: RegExp;
  readonly block?: readonly RegExp[];
  readonly where?: RegExp;
  readonly has?: RegExp;
  readonly missing?: RegExp;
  readonly targetHas?: RegExp;
  readonly targetLastNot?: RegExp;
  /** `version` condition against a device's OS version (memoised: a fleet has few versions). */
  readonly versionOk?: (v: string) => boolean;
  /** xref: the definition regex of object `name` (bounded cache: names come from device configs). */
  readonly target?: (name: string) => RegExp;
}

export interface CompiledChecks {
  readonly checks: PlatformChecks;
  readonly appliesIf?: RegExp;
  readonly clauses: readonly CompiledClause[];
}

const regexes = new Map<string, RegExp>();
/** One RegExp per pattern source for the process (pack patterns are finite). */
export function rx(source: string): RegExp {
  let re = regexes.get(source);
  if (!re) regexes.set(source, (re = new RegExp(source)));
  return re;
}

/** A memo that forgets everything once it holds `max` entries (inputs may be hostile and unbounded). */
function bounded<V>(max: number, make: (k: string) => V): (k: string) => V {
  const memo = new Map<string, V>();
  return (k) => {
    let v = memo.get(k);
    if (v === undefined) {
      if (memo.size >= max) memo.clear();
      memo.set(k, (v = make(k)));
    }
    return v;
  };
}

function kindOf(c: Clause): ClauseKind {
  if (c.exec) return 'exec';
  if (c.handshake) return 'handshake';
  if (c.block !== undefined) return 'block';
  if (c.line !== undefined) return 'line';
  if (c.no_line !== undefined) return 'no_line';
  if (c.count !== undefined) return 'count';
  if (c.value !== undefined) return 'value';
  if (c.xref !== undefined) return 'xref';
  return 'none';
}

const opt = (s: string | undefined) => (s === undefined ? undefined : rx(s));

export function compileClause(c: Clause): CompiledClause {
  const kind = kindOf(c);
  const main =
    kind === 'exec' ? rx(c.output ?? '[\\s\\S]')
    : kind === 'handshake' ? rx(c.match ?? '$^')
    : kind === 'line' ? rx(c.line!)
    : kind === 'no_line' ? rx(c.no_line!)
    : kind === 'count' ? rx(c.count!)
    : kind === 'value' ? rx(c.value!)
    : kind === 'xref' ? rx(c.xref!)
    : undefined;
  const version = c.version;
  const template = c.target ?? '';
  return {
    clause: c,
    kind,
    ifLine: c.if_line ? rx(c.if_line) : undefined,
    main,
    block: c.block === undefined ? undefined : (Array.isArray(c.block) ? c.block : [c.block]).map(rx),
    where: c.where ? rx(c.where) : undefined,
    has: opt(c.has),
    missing: opt(c.missing),
    targetHas: opt(c.target_has),
    targetLastNot: opt(c.target_last_not),
    versionOk: version ? bounded(256, (v) => satisfiesVersion(v, version)) : undefined,
    target: kind === 'xref' ? bounded(1024, (name) => new RegExp(template.replaceAll('{1}', name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))) : undefined,
  };
}

/** The checks of a rule for a platform: its own plus the `all` clauses (handshake evidence). */
export function checksFor(rule: Rule, platform: string): PlatformChecks | undefined {
  const own = rule.platforms[platform];
  const all = rule.platforms.all;
  if (!own) return all;
  if (!all) return own;
  return Object.assign({}, own, { clauses: own.clauses.concat(all.clauses), decide: own.decide ?? all.decide });
}

const compiled = new WeakMap<Rule, Map<string, CompiledChecks | null>>();

/** The compiled checks of a rule for a platform (undefined: the rule does not apply to it). */
export function compiledChecks(rule: Rule, platform: string): CompiledChecks | undefined {
  let byPlatform = compiled.get(rule);
  if (!byPlatform) compiled.set(rule, (byPlatform = new Map()));
  let c = byPlatform.get(platform);
  if (c === undefined) {
    const checks = checksFor(rule, platform);
    c = checks ? { checks, appliesIf: checks.applies_if ? rx(checks.applies_if) : undefined, clauses: checks.clauses.map(compileClause) } : null;
    byPlatform.set(platform, c);
  }
  return c ?? undefined;
}
