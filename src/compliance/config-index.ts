/**
 * A config parsed once into lines with their nesting (indentation, or a flattened form for brace
 * and RouterOS configs), indexed by first word so a rule's regex only meets the lines that can
 * match it. Every query result is memoised per regex: rules sharing a regex pay once.
 */
import { flattenBraces } from './flatten-braces.js';
import { regexHints } from './regex-hints.js';

export { literalPrefix } from './regex-hints.js';

export interface IndexedLine {
  /** Indentation and trailing blanks stripped. */
  text: string;
  /** 1-based line number in the snapshot. */
  line: number;
  indent: number;
  /** Index one past the last descendant of this line. */
  end: number;
}

const FLAT_BRACES = new Set(['juniper_junos', 'paloalto_panos']);

/** RouterOS: `\` continuations joined; `/ip service set x` becomes header `/ip service` + child. */
function routerosLines(text: string): Array<{ text: string; line: number; indent: number }> {
  const out: Array<{ text: string; line: number; indent: number }> = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let s = raw[i]!.trimEnd();
    while (s.endsWith('\\') && i + 1 < raw.length) s = s.slice(0, -1) + raw[++i]!.trim();
    s = s.trim();
    if (!s || s.startsWith('#')) continue;
    if (s.startsWith('/')) {
      const m = /^(\/\S+(?: (?!(?:add|set|remove|print)\b)[a-z][\w-]*)*)(?: (.*))?$/.exec(s);
      out.push({ text: m?.[1] ?? s, line: start + 1, indent: 0 });
      if (m?.[2]) out.push({ text: m[2], line: start + 1, indent: 1 });
    } else out.push({ text: s, line: start + 1, indent: 1 });
  }
  return out;
}

function indentedLines(text: string): IndexedLine[] {
  const out: IndexedLine[] = [];
  let lineNo = 0;
  for (let at = 0; at < text.length; ) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    lineNo++;
    let a = at;
    while (a < nl && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    let b = nl;
    while (b > a && text.charCodeAt(b - 1) <= 32) b--;
    // Comments (`#` in set-style and Unix configs) are not configuration.
    if (b > a && text.charCodeAt(a) !== 35) out.push({ text: text.slice(a, b), line: lineNo, indent: a - at, end: 0 });
    at = nl + 1;
  }
  return out;
}

export class ConfigIndex {
  readonly lines: IndexedLine[];
  /** Lines by first word, and by first two words (`ip http`): a prefix meets only its own lines. */
  private readonly byWord = new Map<string, number[]>();
  /** Built on first use per first word (most words are never queried with a two-word prefix). */
  private readonly byTwo = new Map<string, Map<string, number[]>>();
  /** Per regex object (rule regexes are compiled once, see clauses.ts `rx`): matches anywhere / at top level. */
  private readonly memoAll = new Map<RegExp, number[]>();
  private readonly memoTop = new Map<RegExp, number[]>();
  private readonly byPrefix = new Map<string, number[]>();

  constructor(text: string, platform: string) {
    const lines: IndexedLine[] =
      FLAT_BRACES.has(platform) && /\{\s*$/m.test(text)
        ? flattenBraces(text).map((l) => ({ text: l.text, line: l.line, indent: 0, end: 0 }))
        : platform === 'mikrotik_routeros'
          ? routerosLines(text).map((l) => ({ text: l.text, line: l.line, indent: l.indent, end: 0 }))
          : indentedLines(text);
    const open: number[] = [];
    // Subtree ends: a line's block runs until the next line indented no deeper.
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      l.end = lines.length;
      while (open.length && lines[open[open.length - 1]!]!.indent >= l.indent) lines[open.pop()!]!.end = i;
      open.push(i);
      const sp = l.text.indexOf(' ');
      push(this.byWord, sp < 0 ? l.text : l.text.slice(0, sp), i);
    }
    this.lines = lines;
  }

  /** Indices of lines matching `re` (optionally only top-level), in order. */
  find(re: RegExp, top = false): number[] {
    const memo = top ? this.memoTop : this.memoAll;
    let hit = memo.get(re);
    if (!hit) {
      hit = [];
      for (const i of this.candidates(re)) {
        const l = this.lines[i]!;
        if ((!top || l.indent === 0) && re.test(l.text)) hit.push(i);
      }
      memo.set(re, hit);
    }
    return hit;
  }

  /** Descendants of line `i` matching `re`, from the memoised matches (a binary search, no scan). */
  hitsWithin(i: number, re: RegExp): number[] {
    const hits = this.find(re);
    const end = this.lines[i]!.end;
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid]! <= i) lo = mid + 1;
      else hi = mid;
    }
    let stop = lo;
    while (stop < hits.length && hits[stop]! < end) stop++;
    return stop === lo ? EMPTY : hits.slice(lo, stop);
  }

  /** Descendant indices of line `i` matching `re`. */
  within(i: number, re: RegExp): number[] {
    const out: number[] = [];
    const l = this.lines[i]!;
    for (let j = i + 1; j < l.end; j++) if (re.test(this.lines[j]!.text)) out.push(j);
    return out;
  }

  private candidates(re: RegExp): number[] {
    const { prefixes, contains } = regexHints(re);
    if (prefixes) {
      let out = this.withPrefix(prefixes[0]!);
      for (let p = 1; p < prefixes.length; p++) out = mergeSorted(out, this.withPrefix(prefixes[p]!));
      return out;
    }
    const out: number[] = [];
    for (let i = 0; i < this.lines.length; i++) if (!contains || this.lines[i]!.text.includes(contains)) out.push(i);
    return out;
  }

  /** Lines starting with `prefix`, in order (memoised: many regexes share a prefix, e.g. `username `). */
  private withPrefix(prefix: string): number[] {
    let hit = this.byPrefix.get(prefix);
    if (!hit) this.byPrefix.set(prefix, (hit = this.scanPrefix(prefix)));
    return hit;
  }

  private scanPrefix(prefix: string): number[] {
    const sp = prefix.indexOf(' ');
    if (sp < 0) {
      let out: number[] = EMPTY;
      for (const [word, list] of this.byWord) if (word.startsWith(prefix)) out = mergeSorted(out, list);
      return out;
    }
    const word = prefix.slice(0, sp);
    const sp2 = prefix.indexOf(' ', sp + 1);
    const pool = sp2 > 0 ? this.twoWords(word).get(prefix.slice(0, sp2)) : this.byWord.get(word);
    return pool ? pool.filter((i) => this.lines[i]!.text.startsWith(prefix)) : EMPTY;
  }

  private twoWords(word: string): Map<string, number[]> {
    let sub = this.byTwo.get(word);
    if (!sub) {
      sub = new Map();
      for (const i of this.byWord.get(word) ?? EMPTY) {
        const t = this.lines[i]!.text;
        const sp2 = t.indexOf(' ', word.length + 1);
        push(sub, sp2 < 0 ? t : t.slice(0, sp2), i);
      }
      this.byTwo.set(word, sub);
    }
    return sub;
  }
}

const EMPTY: number[] = [];

/** Union of two ascending index lists, ascending, without duplicates. */
function mergeSorted(a: number[], b: number[]): number[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
