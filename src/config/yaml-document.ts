/**
 * YAML text to a plain value, within the limits of yaml-limits.ts, with a way back from any
 * key path to its line (problems name file:line) and to the device it belongs to.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigProblem } from './problems.js';
import { checkDepth, checkText, firstAliasLine, YAML_LIMITS } from './yaml-limits.js';

type Path = ReadonlyArray<PropertyKey>;

export interface ParsedYaml {
  value: unknown;
  lineOf(path: Path): number | undefined;
  deviceAt(path: Path): string | undefined;
}

/** Pure. Either the parsed document, or the problems that stop everything else (syntax, limits). */
export function parseYaml(text: string, file: string): { ok: true; yaml: ParsedYaml } | { ok: false; problems: ConfigProblem[] } {
  const fail = (line: number | undefined, message: string) => ({ ok: false as const, problems: [{ file, line, message }] });
  const hit = checkText(text);
  if (hit) return fail(hit.line, hit.message);
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  } catch (err) {
    return fail(undefined, `YAML could not be parsed: ${(err as Error).message}`);
  }
  if (doc.errors.length) {
    return { ok: false, problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]! })) };
  }
  const deep = checkDepth(doc, lines);
  if (deep) return fail(deep.line, deep.message);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (err) {
    if (err instanceof ReferenceError) {
      return fail(firstAliasLine(doc, lines), `YAML aliases expand to more than ${YAML_LIMITS.maxAliasCount} nodes (an alias bomb?): ${err.message}`);
    }
    return fail(undefined, `YAML could not be read: ${(err as Error).message}`);
  }
  return {
    ok: true,
    yaml: { value, lineOf: (path) => nodeLine(doc, lines, path), deviceAt: (path) => deviceNameAt(doc, path) },
  };
}

function nodeLine(doc: Document, lines: LineCounter, path: Path): number | undefined {
  // Walk up the path until a node with a position is found (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function deviceNameAt(doc: Document, path: Path): string | undefined {
  if (path[0] !== 'devices' || typeof path[1] !== 'number') return undefined;
  const name = doc.getIn(['devices', path[1], 'name']);
  return typeof name === 'string' ? name : `#${path[1] + 1}`;
}
