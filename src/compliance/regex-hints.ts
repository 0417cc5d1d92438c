/**
 * What a rule regex tells the line index before it runs (pure, memoised): the literal texts every
 * match must start with (`^(tacacs|radius) server` -> tacacs, radius), or else a literal it must
 * contain (`(^|\s)(tftp|ftp)://` -> `://`). Lines that cannot match are never tested.
 */
export interface RegexHints {
  /** Every match starts with one of these (at the start of the line text). */
  prefixes?: string[];
  /** Every match contains this. */
  contains?: string;
}

const META = '^$.|?*+()[]{}';

/** Literal run at the start of `s`: escaped punctuation counts, a quantified last char does not. */
function readLiteral(s: string): { text: string; rest: string } {
  let text = '';
  let i = 0;
  for (; i < s.length; i++) {
    let ch = s[i]!;
    if (ch === '\\') {
      const next = s[i + 1] ?? '';
      if (!/[./\-:"#=<>@ ]/.test(next)) break;
      ch = next;
      i++;
    } else if (META.includes(ch)) {
      if ('?*{'.includes(ch)) text = text.slice(0, -1);
      break;
    }
    text += ch;
  }
  return { text, rest: s.slice(i) };
}

/** Splits at `sep` outside groups and classes. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Index of the `)` closing the group opened at 0. */
function groupEnd(s: string): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function branchPrefixes(s: string): string[] | undefined {
  const lit = readLiteral(s);
  if (lit.text) return [lit.text];
  if (!s.startsWith('(') || s.startsWith('(?=') || s.startsWith('(?!') || s.startsWith('(?<')) return undefined;
  const end = groupEnd(s);
  const after = s[end + 1];
  if (end < 0 || after === '?' || after === '*' || after === '{') return undefined;
  const inner = s.slice(s.startsWith('(?:') ? 3 : 1, end);
  const out: string[] = [];
  for (const alt of splitTop(inner)) {
    const p = branchPrefixes(alt);
    if (!p) return undefined;
    out.push(...p);
  }
  return out;
}

/** Longest literal run outside any group or class, when the regex has no top-level alternation. */
function mustContain(src: string): string | undefined {
  if (splitTop(src).length > 1) return undefined;
  let best = '';
  let cur = '';
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\' && /[./\-:"#=<>@ ]/.test(src[i + 1] ?? '') && depth === 0 && !inClass) {
      cur += src[++i];
      continue;
    }
    const literal = depth === 0 && !inClass && !META.includes(ch) && ch !== '\\';
    const next = src[i + 1];
    if (literal && next !== '?' && next !== '*' && next !== '{') cur += ch;
    else {
      if (cur.length > best.length) best = cur;
      cur = '';
      if (ch === '\\') i++;
      else if (inClass) inClass = ch !== ']';
      else if (ch === '[') inClass = true;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
  }
  if (cur.length > best.length) best = cur;
  return best.length >= 3 ? best : undefined;
}

const cache = new WeakMap<RegExp, RegexHints>();

export function regexHints(re: RegExp): RegexHints {
  let hints = cache.get(re);
  if (!hints) {
    hints = {};
    if (!re.flags.includes('i')) {
      const branches = splitTop(re.source);
      const prefixes: string[] = [];
      let ok = true;
      for (const b of branches) {
        const p = b.startsWith('^') ? branchPrefixes(b.slice(1)) : undefined;
        if (!p) {
          ok = false;
          break;
        }
        prefixes.push(...p);
      }
      if (ok) hints.prefixes = [...new Set(prefixes)];
      else hints.contains = mustContain(re.source);
    }
    cache.set(re, hints);
  }
  return hints;
}

/** The single literal prefix of a regex, or '' (tests and docs). */
export function literalPrefix(re: RegExp): string {
  const p = regexHints(re).prefixes;
  return p && p.length === 1 ? p[0]! : '';
}
