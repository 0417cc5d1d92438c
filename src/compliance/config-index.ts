/**
 * A config parsed once into lines with their nesting (indentation, or a flattened form for brace
 * and RouterOS configs). Lines are offsets into one string; a line's text is cut out only when a
 * rule needs it. A prefix trie over the lines, split one character deeper only where a query goes,
 * gives each regex only the lines that can match its literal prefix. Every query result is memoised
 * per regex object (rules sharing a regex pay once, see compile.ts) and per prefix.
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

/** Trie node: the lines (ascending) whose text starts with the node's path of `depth` characters. */
interface Node {
  ids: number[];
  depth: number;
  kids?: Map<number, Node>;
}

/** A node this small is filtered with startsWith rather than split further. */
const SMALL = 8;
/** Deeper than this the trie stops splitting (long shared prefixes: ` switchport access vlan 10`). */
const MAX_DEPTH = 24;

export class ConfigIndex {
  /** The text the offsets point into: the snapshot, or the flattened lines joined. */
  private readonly src: string;
  private readonly start: Int32Array;
  private readonly stop: Int32Array;
  private readonly lineNos: Int32Array;
  private readonly indents: Int32Array;
  private readonly ends: Int32Array;
  private readonly texts: (string | undefined)[];
  readonly count: number;
  private root?: Node;
  private materialized?: IndexedLine[];
  /** Per regex object: matches anywhere / at top level. */
  private readonly memoAll = new Map<RegExp, number[]>();
  private readonly memoTop = new Map<RegExp, number[]>();
  private readonly byPrefix = new Map<string, number[]>();

  constructor(text: string, platform: string) {
    const flat =
      FLAT_BRACES.has(platform) && /\{\s*$/m.test(text)
        ? flattenBraces(text).map((l) => ({ text: l.text, line: l.line, indent: 0 }))
        : platform === 'mikrotik_routeros'
          ? routerosLines(text)
          : undefined;
    if (flat) {
      const n = flat.length;
      this.start = new Int32Array(n);
      this.stop = new Int32Array(n);
      this.lineNos = new Int32Array(n);
      this.indents = new Int32Array(n);
      this.texts = new Array<string>(n);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const l = flat[i]!;
        this.start[i] = at;
        this.stop[i] = at += l.text.length;
        at++; // the '\n' joining the lines
        this.lineNos[i] = l.line;
        this.indents[i] = l.indent;
        this.texts[i] = l.text;
      }
      this.src = flat.map((l) => l.text).join('\n');
      this.count = n;
    } else {
      this.src = text;
      // Upper bound of the line count; the arrays are cut to the real count below.
      let cap = 1;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) cap++;
      const start = new Int32Array(cap);
      const stop = new Int32Array(cap);
      const lineNos = new Int32Array(cap);
      const indents = new Int32Array(cap);
      let n = 0;
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
        if (b > a && text.charCodeAt(a) !== 35) {
          start[n] = a;
          stop[n] = b;
          lineNos[n] = lineNo;
          indents[n] = a - at;
          n++;
        }
        at = nl + 1;
      }
      this.start = start.subarray(0, n);
      this.stop = stop.subarray(0, n);
      this.lineNos = lineNos.subarray(0, n);
      this.indents = indents.subarray(0, n);
      this.texts = new Array<string>(n);
      this.count = n;
    }
    // Subtree ends: a line's block runs until the next line indented no deeper.
    const n = this.count;
    const ends = new Int32Array(n);
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      ends[i] = n;
      const indent = this.indents[i]!;
      while (open.length && this.indents[open[open.length - 1]!]! >= indent) ends[open.pop()!] = i;
      open.push(i);
    }
    this.ends = ends;
  }

  /** Text of line `i`, indentation and trailing blanks stripped. */
  text(i: number): string {
    let t = this.texts[i];
    if (t === undefined) this.texts[i] = t = this.src.slice(this.start[i], this.stop[i]);
    return t;
  }

  /** 1-based line number of line `i` in the snapshot. */
  lineNo(i: number): number {
    return this.lineNos[i]!;
  }

  indent(i: number): number {
    return this.indents[i]!;
  }

  /** Index one past the last descendant of line `i`. */
  end(i: number): number {
    return this.ends[i]!;
  }

  /** Every line as an object (tests, tools; the engine uses the accessors). */
  get lines(): readonly IndexedLine[] {
    if (!this.materialized) {
      this.materialized = [];
      for (let i = 0; i < this.count; i++) this.materialized.push({ text: this.text(i), line: this.lineNos[i]!, indent: this.indents[i]!, end: this.ends[i]! });
    }
    return this.materialized;
  }

  /** Indices of lines matching `re` (optionally only top-level), in order. */
  find(re: RegExp, top = false): number[] {
    const memo = top ? this.memoTop : this.memoAll;
    let hit = memo.get(re);
    if (!hit) {
      hit = [];
      for (const i of this.candidates(re)) if ((!top || this.indents[i] === 0) && re.test(this.text(i))) hit.push(i);
      memo.set(re, hit);
    }
    return hit;
  }

  /** Descendants of line `i` matching `re`, from the memoised matches (a binary search, no scan). */
  hitsWithin(i: number, re: RegExp): number[] {
    const hits = this.find(re);
    const end = this.ends[i]!;
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
    for (let j = i + 1; j < this.ends[i]!; j++) if (re.test(this.text(j))) out.push(j);
    return out;
  }

  private candidates(re: RegExp): number[] {
    const { prefixes, contains } = regexHints(re);
    if (prefixes) {
      let out = this.withPrefix(prefixes[0]!);
      for (let p = 1; p < prefixes.length; p++) out = mergeSorted(out, this.withPrefix(prefixes[p]!));
      return out;
    }
    return contains ? this.containing(contains) : this.all();
  }

  private all(): number[] {
    return this.trie().ids;
  }

  /** Lines whose text contains `literal`: one indexOf sweep over the whole text. */
  private containing(literal: string): number[] {
    const out: number[] = [];
    const n = this.count;
    let i = 0;
    for (let q = this.src.indexOf(literal); q >= 0 && i < n; q = this.src.indexOf(literal, q + 1)) {
      // The first line ending at or after the occurrence's end; it holds it when it starts before it.
      while (i < n && this.stop[i]! < q + literal.length) i++;
      if (i < n && this.start[i]! <= q && out[out.length - 1] !== i) out.push(i);
    }
    return out;
  }

  private trie(): Node {
    if (!this.root) {
      const ids = new Array<number>(this.count);
      for (let i = 0; i < this.count; i++) ids[i] = i;
      this.root = { ids, depth: 0 };
    }
    return this.root;
  }

  /** Lines starting with `prefix`, in order (memoised: many regexes share a prefix, e.g. `username `). */
  private withPrefix(prefix: string): number[] {
    let hit = this.byPrefix.get(prefix);
    if (!hit) {
      let node = this.trie();
      while (node.depth < prefix.length && node.ids.length > SMALL && node.depth < MAX_DEPTH) {
        const next = this.kids(node).get(prefix.charCodeAt(node.depth));
        if (!next) {
          node = { ids: EMPTY, depth: prefix.length };
          break;
        }
        node = next;
      }
      // Every line of a node starts with the node's path: only the rest of the prefix needs a test.
      hit = node.depth >= prefix.length ? node.ids : node.ids.filter((i) => this.stop[i]! - this.start[i]! >= prefix.length && this.src.startsWith(prefix, this.start[i]));
      this.byPrefix.set(prefix, hit);
    }
    return hit;
  }

  /** A node's lines by their next character (lines that end here belong to no child). */
  private kids(node: Node): Map<number, Node> {
    if (!node.kids) {
      const kids = new Map<number, Node>();
      const depth = node.depth;
      for (const i of node.ids) {
        const at = this.start[i]! + depth;
        if (at >= this.stop[i]!) continue;
        const c = this.src.charCodeAt(at);
        const kid = kids.get(c);
        if (kid) kid.ids.push(i);
        else kids.set(c, { ids: [i], depth: depth + 1 });
      }
      node.kids = kids;
    }
    return node.kids;
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
