/**
 * One clause of a rule over an indexed config, facts, exec outputs and handshake: either it
 * decides (a verdict with its evidence lines) or it does not apply. Pure.
 */
import type { ConfigIndex } from './config-index.js';
import { satisfiesNumber, satisfiesVersion } from './software/version.js';
import type { Clause, EvalInput, Evidence, Verdict } from './types.js';

export interface Decision {
  verdict: Verdict;
  lines: Evidence[];
  note?: string;
}

/** A clause that needed evidence the input lacks (exec output, handshake): what would decide it. */
export interface Missing {
  missing: string;
}

const regexCache = new Map<string, RegExp>();
/** Rule regexes compile once per process (validated at pack load). */
export function rx(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) regexCache.set(source, (re = new RegExp(source)));
  return re;
}

const ev = (idx: ConfigIndex, is: number[]): Evidence[] => is.map((i) => ({ line: idx.lines[i]!.line, text: idx.lines[i]!.text }));

/** Header lines of the blocks a (possibly nested) path selects. */
export function blocks(idx: ConfigIndex, path: string | string[]): number[] {
  const steps = Array.isArray(path) ? path : [path];
  let found = idx.find(rx(steps[0]!), true);
  for (const step of steps.slice(1)) found = found.flatMap((i) => idx.hitsWithin(i, rx(step)));
  return found;
}

export function evaluateClause(c: Clause, idx: ConfigIndex, input: EvalInput): Decision | Missing | undefined {
  if (c.unless_tag && input.tags?.includes(c.unless_tag)) return undefined;
  if (c.version) {
    const v = input.facts?.os_version;
    if (typeof v !== 'string' || !v || !satisfiesVersion(v, c.version)) return undefined;
  }
  if (c.if_line && !idx.find(rx(c.if_line)).length) return undefined;
  const decided = (lines: Evidence[]): Decision => ({ verdict: c.verdict, lines, note: c.note });

  if (c.exec) {
    const out = input.exec?.[c.exec];
    if (out === undefined) return { missing: `run \`${c.exec}\`` };
    const m = rx(c.output ?? '[\\s\\S]').exec(out);
    return m ? decided([{ line: 0, text: `${c.exec}: ${m[0].trim()}` }]) : undefined;
  }
  if (c.handshake) return handshakeClause(c, input, decided);
  if (c.block !== undefined) {
    let heads = blocks(idx, c.block);
    if (c.where) heads = heads.filter((h) => idx.hitsWithin(h, rx(c.where!)).length > 0);
    if (c.none) return heads.length ? undefined : decided([]);
    const hits: number[] = [];
    for (const h of heads) {
      if (c.missing !== undefined && !idx.hitsWithin(h, rx(c.missing)).length) hits.push(h);
      if (c.has !== undefined) {
        const inside = idx.hitsWithin(h, rx(c.has));
        if (inside.length) hits.push(h, ...inside);
      }
    }
    return hits.length ? decided(ev(idx, [...new Set(hits)])) : undefined;
  }
  if (c.line !== undefined) {
    const hits = idx.find(rx(c.line), c.top);
    return hits.length ? decided(ev(idx, hits)) : undefined;
  }
  if (c.no_line !== undefined) return idx.find(rx(c.no_line), c.top).length ? undefined : decided([]);
  if (c.count !== undefined) {
    const hits = idx.find(rx(c.count), c.top);
    return satisfiesNumber(hits.length, c.cmp ?? '>0') ? decided(ev(idx, hits)) : undefined;
  }
  if (c.value !== undefined) {
    const re = rx(c.value);
    const hits = idx.find(re, c.top).filter((i) => {
      const n = Number(re.exec(idx.lines[i]!.text)?.[1]);
      return Number.isFinite(n) && satisfiesNumber(n, c.cmp ?? '>0');
    });
    return hits.length ? decided(ev(idx, hits)) : undefined;
  }
  if (c.xref !== undefined) return xrefClause(c, idx, decided);
  return undefined;
}

function handshakeClause(c: Clause, input: EvalInput, decided: (l: Evidence[]) => Decision): Decision | Missing | undefined {
  const h = input.handshake;
  const field = c.handshake!;
  const value = h?.[field];
  if (value === undefined) return { missing: `the SSH handshake (${field})` };
  const shown = Array.isArray(value) ? value.join(',') : String(value);
  if (field === 'hostKeyBits' && c.match && !rx(c.match).test(h?.hostKeyType ?? '')) return undefined;
  const hit =
    field === 'hostKeyBits'
      ? satisfiesNumber(value as number, c.cmp ?? '<0')
      : field === 'kex'
        ? (value as string[]).some((k) => rx(c.match ?? '$^').test(k))
        : rx(c.match ?? '$^').test(String(value));
  return hit ? decided([{ line: 0, text: `handshake ${field}: ${shown}` }]) : undefined;
}

const targets = new WeakMap<Clause, Map<string, RegExp>>();
/** The definition regex of the object `name` (compiled once per clause and name). */
function targetRegex(c: Clause, name: string): RegExp {
  let byName = targets.get(c);
  if (!byName) targets.set(c, (byName = new Map()));
  let re = byName.get(name);
  if (!re) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    byName.set(name, (re = new RegExp((c.target ?? '').replaceAll('{1}', escaped))));
  }
  return re;
}

/** Objects referenced by name (ACL of an access-class...) and what their definitions hold. */
function xrefClause(c: Clause, idx: ConfigIndex, decided: (l: Evidence[]) => Decision): Decision | undefined {
  const re = rx(c.xref!);
  const hits: number[] = [];
  for (const i of idx.find(re, c.top)) {
    const name = re.exec(idx.lines[i]!.text)?.slice(1).find((g) => g !== undefined);
    if (!name) continue;
    const target = targetRegex(c, name);
    const defs = idx.find(target, !c.target_anywhere);
    if (!defs.length) {
      if (c.target_missing) hits.push(i);
      continue;
    }
    // Entries: the block's children (named ACL) or the matching lines themselves (numbered ACL).
    const entries = defs
      .flatMap((d) => (idx.lines[d]!.end > d + 1 ? Array.from({ length: idx.lines[d]!.end - d - 1 }, (_, k) => d + 1 + k) : [d]))
      .filter((e) => !/^(\d+ )?remark\b|^access-list \S+ remark\b/.test(idx.lines[e]!.text));
    if (c.target_has !== undefined) {
      const bad = entries.filter((e) => rx(c.target_has!).test(idx.lines[e]!.text));
      if (bad.length) hits.push(i, ...bad);
    }
    if (c.target_last_not !== undefined) {
      const last = entries[entries.length - 1];
      if (last !== undefined && !rx(c.target_last_not).test(idx.lines[last]!.text)) hits.push(i, last);
    }
  }
  return hits.length ? decided(ev(idx, [...new Set(hits)].sort((a, b) => a - b))) : undefined;
}
