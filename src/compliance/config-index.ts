/**
 * A config parsed once into lines with their nesting (indentation, or a flattened form for brace
 * and RouterOS configs), indexed by first word so a rule's regex only meets the lines that can
 * match it. Every query result is memoised per regex: rules sharing a regex pay once.
 */
import { flattenBraces } from './flatten-braces.js';

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

function indentedLines(text: string): Array<{ text: string; line: number; indent: number }> {
  const out: Array<{ text: string; line: number; indent: number }> = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    const t = l.trim();
    // Comments (`#` in set-style and Unix configs) are not configuration.
    if (!t || t.startsWith('#')) continue;
    out.push({ text: t, line: i + 1, indent: l.length - l.trimStart().length });
  }
  return out;
}

export class ConfigIndex {
  readonly lines: IndexedLine[];
  private readonly byWord = new Map<string, number[]>();
  private readonly memo = new Map<string, number[]>();

  constructor(text: string, platform: string) {
    const base =
      FLAT_BRACES.has(platform) && /\{\s*$/m.test(text)
        ? flattenBraces(text).map((l) => ({ ...l, indent: 0 }))
        : platform === 'mikrotik_routeros'
          ? routerosLines(text)
          : indentedLines(text);
    this.lines = base.map((l) => ({ ...l, end: 0 }));
    // Subtree ends: a line's block runs until the next line indented no deeper.
    const open: number[] = [];
    this.lines.forEach((l, i) => {
      while (open.length && this.lines[open[open.length - 1]!]!.indent >= l.indent) this.lines[open.pop()!]!.end = i;
      open.push(i);
      const word = l.text.split(' ', 1)[0]!;
      const list = this.byWord.get(word);
      if (list) list.push(i);
      else this.byWord.set(word, [i]);
    });
    for (const i of open) this.lines[i]!.end = this.lines.length;
  }

  /** Indices of lines matching `re` (optionally only top-level), in order. */
  find(re: RegExp, top = false): number[] {
    const key = `${top ? 'T' : 'A'}/${re.source}/${re.flags}`;
    let hit = this.memo.get(key);
    if (!hit) {
      hit = this.candidates(re).filter((i) => (!top || this.lines[i]!.indent === 0) && re.test(this.lines[i]!.text));
      this.memo.set(key, hit);
    }
    return hit;
  }

  /** Descendant indices of line `i` matching `re`. */
  within(i: number, re: RegExp): number[] {
    const out: number[] = [];
    const l = this.lines[i]!;
    for (let j = i + 1; j < l.end; j++) if (re.test(this.lines[j]!.text)) out.push(j);
    return out;
  }

  private candidates(re: RegExp): number[] {
    const prefix = literalPrefix(re);
    if (!prefix) return this.lines.map((_, i) => i);
    const space = prefix.indexOf(' ');
    if (space > 0) return (this.byWord.get(prefix.slice(0, space)) ?? []).filter((i) => this.lines[i]!.text.startsWith(prefix));
    const out: number[] = [];
    for (const [word, list] of this.byWord) if (word.startsWith(prefix)) out.push(...list);
    return out.sort((a, b) => a - b);
  }
}

const prefixes = new Map<string, string>();

/** The literal text every match must start with (`^ip http server$` -> `ip http server`), or ''. */
export function literalPrefix(re: RegExp): string {
  const cached = prefixes.get(re.source + re.flags);
  if (cached !== undefined) return cached;
  let out = '';
  const src = re.source;
  if (src.startsWith('^') && !re.flags.includes('i') && !topLevelAlternation(src)) {
    for (let i = 1; i < src.length; i++) {
      let ch = src[i]!;
      if (ch === '\\') {
        const next = src[i + 1] ?? '';
        if (!/[./\-:"#=]/.test(next)) break;
        ch = next;
        i++;
      } else if ('^$.|?*+()[]{}'.includes(ch)) {
        if ('?*{'.includes(ch)) out = out.slice(0, -1);
        break;
      }
      out += ch;
    }
  }
  prefixes.set(re.source + re.flags, out);
  return out;
}

function topLevelAlternation(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return true;
  }
  return false;
}
