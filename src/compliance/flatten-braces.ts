/**
 * Junos / PAN-OS curly configs to flat `set` statements (what `| display set` prints), so one set
 * of regexes serves both forms. Each statement keeps the line number of its source line.
 * `inactive:` subtrees are dropped (they are not in force); comments and annotations are skipped.
 */
export interface FlatLine {
  text: string;
  line: number;
}

/** Splits a line into tokens, keeping "quoted strings" and `[ list ]` groups whole. */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[{};]|[^\s{};"[]+/g;
  for (const m of s.matchAll(re)) out.push(m[0]);
  return out;
}

export function flattenBraces(text: string): FlatLine[] {
  const out: FlatLine[] = [];
  const stack: string[] = [];
  // Depth at which an `inactive:` subtree started (-1: none).
  let inactiveAt = -1;
  let inBlockComment = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!;
    if (inBlockComment) {
      const end = raw.indexOf('*/');
      if (end < 0) continue;
      raw = raw.slice(end + 2);
      inBlockComment = false;
    }
    const startC = raw.indexOf('/*');
    if (startC >= 0 && !raw.slice(0, startC).includes('"')) {
      const end = raw.indexOf('*/', startC + 2);
      if (end < 0) inBlockComment = true;
      raw = end < 0 ? raw.slice(0, startC) : raw.slice(0, startC) + raw.slice(end + 2);
    }
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    let words: string[] = [];
    for (const t of tokens(trimmed)) {
      if (t === '{') {
        let name = words.join(' ');
        const inactive = name.startsWith('inactive: ');
        if (inactive) name = name.slice('inactive: '.length);
        if (inactive && inactiveAt < 0) inactiveAt = stack.length;
        stack.push(name);
        words = [];
      } else if (t === '}') {
        stack.pop();
        if (inactiveAt >= 0 && stack.length <= inactiveAt) inactiveAt = -1;
        words = [];
      } else if (t === ';') {
        let leaf = words.join(' ');
        words = [];
        if (leaf.startsWith('inactive: ') || inactiveAt >= 0) continue;
        out.push({ text: ['set', ...stack.filter((s) => s), leaf].join(' '), line: i + 1 });
        leaf = '';
      } else {
        words.push(t);
      }
    }
  }
  return out;
}
