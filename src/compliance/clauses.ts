/**
 * One clause of a rule over an indexed config, facts, exec outputs and handshake: either it
 * decides (a verdict with its evidence lines) or it does not apply. Pure.
 */
import type { ConfigIndex } from './config-index.js';
import { satisfiesNumber } from './software/version.js';
import type { CompiledClause } from './compile.js';
import type { EvalInput, Evidence, Verdict } from './types.js';

export interface Decision {
  verdict: Verdict;
  lines: Evidence[];
  note?: string;
}

/** A clause that needed evidence the input lacks (exec output, handshake): what would decide it. */
export interface Missing {
  missing: string;
}

const ev = (idx: ConfigIndex, is: readonly number[]): Evidence[] => is.map((i) => ({ line: idx.lineNo(i), text: idx.text(i) }));

/** Header lines of the blocks a (possibly nested) path selects. */
export function blocks(idx: ConfigIndex, steps: readonly RegExp[]): number[] {
  let found = idx.find(steps[0]!, true);
  for (let s = 1; s < steps.length; s++) {
    const step = steps[s]!;
    const next: number[] = [];
    for (const i of found) for (const j of idx.hitsWithin(i, step)) next.push(j);
    found = next;
  }
  return found;
}

/** Distinct values in first-seen order. */
function unique(xs: number[]): number[] {
  return xs.length < 2 ? xs : [...new Set(xs)];
}

export function evaluateClause(cc: CompiledClause, idx: ConfigIndex, input: EvalInput): Decision | Missing | undefined {
  const c = cc.clause;
  if (c.unless_tag && input.tags?.includes(c.unless_tag)) return undefined;
  if (cc.versionOk) {
    const v = input.facts?.os_version;
    if (typeof v !== 'string' || !v || !cc.versionOk(v)) return undefined;
  }
  if (cc.ifLine && !idx.find(cc.ifLine).length) return undefined;
  const decided = (lines: Evidence[]): Decision => ({ verdict: c.verdict, lines, note: c.note });

  switch (cc.kind) {
    case 'exec': {
      const out = input.exec?.[c.exec!];
      if (out === undefined) return { missing: `run \`${c.exec}\`` };
      const m = cc.main!.exec(out);
      return m ? decided([{ line: 0, text: `${c.exec}: ${m[0].trim()}` }]) : undefined;
    }
    case 'handshake':
      return handshakeClause(cc, input, decided);
    case 'block': {
      let heads = blocks(idx, cc.block!);
      if (cc.where) heads = heads.filter((h) => idx.hitsWithin(h, cc.where!).length > 0);
      if (c.none) return heads.length ? undefined : decided([]);
      const hits: number[] = [];
      for (const h of heads) {
        if (cc.missing && !idx.hitsWithin(h, cc.missing).length) hits.push(h);
        if (cc.has) {
          const inside = idx.hitsWithin(h, cc.has);
          if (inside.length) {
            hits.push(h);
            for (const j of inside) hits.push(j);
          }
        }
      }
      return hits.length ? decided(ev(idx, unique(hits))) : undefined;
    }
    case 'line': {
      const hits = idx.find(cc.main!, c.top);
      return hits.length ? decided(ev(idx, hits)) : undefined;
    }
    case 'no_line':
      return idx.find(cc.main!, c.top).length ? undefined : decided([]);
    case 'count': {
      const hits = idx.find(cc.main!, c.top);
      return satisfiesNumber(hits.length, c.cmp ?? '>0') ? decided(ev(idx, hits)) : undefined;
    }
    case 'value': {
      const re = cc.main!;
      const hits = idx.find(re, c.top).filter((i) => {
        const n = Number(re.exec(idx.text(i))?.[1]);
        return Number.isFinite(n) && satisfiesNumber(n, c.cmp ?? '>0');
      });
      return hits.length ? decided(ev(idx, hits)) : undefined;
    }
    case 'xref':
      return xrefClause(cc, idx, decided);
    default:
      return undefined;
  }
}

function handshakeClause(cc: CompiledClause, input: EvalInput, decided: (l: Evidence[]) => Decision): Decision | Missing | undefined {
  const c = cc.clause;
  const h = input.handshake;
  const field = c.handshake!;
  const value = h?.[field];
  if (value === undefined) return { missing: `the SSH handshake (${field})` };
  const shown = Array.isArray(value) ? value.join(',') : String(value);
  if (field === 'hostKeyBits' && c.match && !cc.main!.test(h?.hostKeyType ?? '')) return undefined;
  const hit =
    field === 'hostKeyBits'
      ? satisfiesNumber(value as number, c.cmp ?? '<0')
      : field === 'kex'
        ? (value as string[]).some((k) => cc.main!.test(k))
        : cc.main!.test(String(value));
  return hit ? decided([{ line: 0, text: `handshake ${field}: ${shown}` }]) : undefined;
}

/** ACL remarks are not entries. */
const REMARK = /^(\d+ )?remark\b|^access-list \S+ remark\b/;

/** Objects referenced by name (ACL of an access-class...) and what their definitions hold. */
function xrefClause(cc: CompiledClause, idx: ConfigIndex, decided: (l: Evidence[]) => Decision): Decision | undefined {
  const c = cc.clause;
  const re = cc.main!;
  const hits: number[] = [];
  for (const i of idx.find(re, c.top)) {
    const name = re.exec(idx.text(i))?.slice(1).find((g) => g !== undefined);
    if (!name) continue;
    const target = cc.target!(name);
    const defs = idx.find(target, !c.target_anywhere);
    if (!defs.length) {
      if (c.target_missing) hits.push(i);
      continue;
    }
    // Entries: the block's children (named ACL) or the matching lines themselves (numbered ACL).
    const entries: number[] = [];
    for (const d of defs) {
      const end = idx.end(d);
      if (end > d + 1) {
        for (let e = d + 1; e < end; e++) if (!REMARK.test(idx.text(e))) entries.push(e);
      } else if (!REMARK.test(idx.text(d))) entries.push(d);
    }
    if (cc.targetHas) {
      const bad = entries.filter((e) => cc.targetHas!.test(idx.text(e)));
      if (bad.length) hits.push(i, ...bad);
    }
    if (cc.targetLastNot) {
      const last = entries[entries.length - 1];
      if (last !== undefined && !cc.targetLastNot.test(idx.text(last))) hits.push(i, last);
    }
  }
  return hits.length ? decided(ev(idx, [...new Set(hits)].sort((a, b) => a - b))) : undefined;
}
