/**
 * Bounds on a config document, checked before and while parsing: the file is hostile input
 * (a 50 MB inventory once took 222 s and 4.3 GB; 10,000 nested `[` exhaust the parser's memory;
 * an alias bomb expands exponentially). Each refusal names file:line.
 */
import { isAlias, isCollection, isPair, type Document, type LineCounter, type Node } from 'yaml';

export const YAML_LIMITS = {
  /** 10 MiB is ~100,000 devices; parsing 3.9 MB took 12 s and 475 MB RSS on the 2-core CI host. */
  maxBytes: 10 * 1024 * 1024,
  /** Nesting of collections; a real config needs about 5. */
  maxDepth: 32,
  /** Nodes that aliases may expand to in all (the yaml package's own guard against alias bombs). */
  maxAliasCount: 100,
} as const;

export interface LimitHit {
  line: number;
  message: string;
}

/** Before parsing: size, and flow `[`/`{` nesting (scanned, outside quotes and comments). */
export function checkText(text: string): LimitHit | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > YAML_LIMITS.maxBytes) {
    const line = lineAt(text, Math.min(text.length, YAML_LIMITS.maxBytes));
    return { line, message: `file is ${bytes} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit for a config file (split the inventory or trim it)` };
  }
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      if (quote === '#') quote = '';
    } else if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && startsScalar(text, i)) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) quote = '#';
    else if (c === '[' || c === '{') {
      if (++depth > YAML_LIMITS.maxDepth) return { line, message: `YAML nesting deeper than ${YAML_LIMITS.maxDepth} levels` };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** After parsing: nesting depth of the node tree (iterative: no recursion over hostile input). */
export function checkDepth(doc: Document, lines: LineCounter): LimitHit | undefined {
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isCollection(node)) {
      if (depth > YAML_LIMITS.maxDepth) return { line: lineOfNode(node, lines) ?? 1, message: `YAML nesting deeper than ${YAML_LIMITS.maxDepth} levels` };
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** The first alias in the document, to name the line when aliases expand past the limit. */
export function firstAliasLine(doc: Document, lines: LineCounter): number | undefined {
  const stack: unknown[] = [doc.contents];
  let first: number | undefined;
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) {
      const line = lineOfNode(node, lines);
      if (line !== undefined && (first === undefined || line < first)) first = line;
    } else if (isPair(node)) stack.push(node.key, node.value);
    else if (isCollection(node)) stack.push(...node.items);
  }
  return first;
}

/** A quote opens a quoted scalar only where a value starts (an apostrophe inside plain text does not). */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || ':-[{,?\n'.includes(text[j]!);
}

function lineOfNode(node: Node, lines: LineCounter): number | undefined {
  return node.range ? lines.linePos(node.range[0]).line : undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
