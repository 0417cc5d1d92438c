/**
 * Which config section a line sits in: the chain of less-indented lines above it (IOS
 * `interface Gi1/0/1`, Junos `interfaces { ge-0/0/0 {`, FortiOS `config system admin`).
 *
 * A label names a section, never a changed line's content (which may hold a masked secret or a
 * device's hostile text) and never a comment or `!` separator:
 * - an indented line: the path of its parents;
 * - a top-level line that opens a section (the driver's `sectionStart`, or, without driver
 *   knowledge, a line with indented children): that line, as the section's name;
 * - a top-level line under a flat section header (Linux `### file: /etc/ssh/sshd_config`): that header;
 * - any other top-level line: its leading keyword (`username`, `ntp server`, `ip route`), or
 *   nothing when it does not start with one.
 */
import type { DriftKnowledge } from '../drivers/types.js';

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function label(line: string): string {
  return line.trim().replace(/\s*\{$/, '');
}

/** Comment and separator lines: IOS `!`, Comware/Junos `#`, and the closing `}` / `end`. */
function isDecoration(line: string): boolean {
  return /^\s*([!#]|\}|end\s*$|exit\s*$)/.test(line) || !line.trim();
}

/** Ancestors of line `index` (outermost first), e.g. ["interface GigabitEthernet1/0/1"]. */
export function sectionPath(lines: readonly string[], index: number): string[] {
  const path: string[] = [];
  let indent = indentOf(lines[index] ?? '');
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    const line = lines[i]!;
    // A bare `!` or `#` at the margin closes the block above it (IOS, Comware); indented ones are decoration.
    if (/^[!#]\s*$/.test(line)) break;
    if (!line.trim() || /^\s*[!#]/.test(line)) continue;
    const level = indentOf(line);
    if (level < indent) {
      path.unshift(label(line));
      indent = level;
    }
  }
  return path;
}

// Prefixes that say little on their own: `ip route`, `no ip domain-lookup` -> `ip domain-lookup`.
const VAGUE = new Set(['ip', 'ipv6', 'set', 'delete', 'system', 'snmp-server']);
const KEYWORD = /^[a-z][a-z0-9-]*$/i;

/** The leading keyword(s) of a top-level statement, never its arguments (names, addresses, secrets). */
export function keywordLabel(line: string): string {
  const words = line.trim().replace(/^no\s+/, '').split(/\s+/);
  const first = words[0] ?? '';
  if (!KEYWORD.test(first) || /\d/.test(first)) return '';
  const second = words[1];
  if (VAGUE.has(first.toLowerCase()) && second && KEYWORD.test(second) && !/^\d/.test(second)) return `${first} ${second}`;
  return first;
}

function nextContentIndent(lines: readonly string[], index: number): number {
  for (let i = index + 1; i < lines.length; i++) if (lines[i]!.trim() && !/^\s*[!#]\s*$/.test(lines[i]!)) return indentOf(lines[i]!);
  return -1;
}

interface Layout {
  /** No section header in this text has indented children: headers are flat (Linux `### file: ...`). */
  flat: boolean;
  /** Per line, the flat header above it (-1: none). */
  owner: Int32Array;
}

/** One pass per text and driver, cached (compare labels many lines of the same arrays). */
const layouts = new WeakMap<readonly string[], { knowledge: DriftKnowledge; layout: Layout }>();
function layoutOf(lines: readonly string[], knowledge: DriftKnowledge): Layout {
  const hit = layouts.get(lines);
  if (hit && hit.knowledge === knowledge) return hit.layout;
  const headers: number[] = [];
  let flat = true;
  for (let i = 0; i < lines.length; i++) {
    if (indentOf(lines[i]!) !== 0 || !knowledge.sectionStart.some((re) => re.test(lines[i]!))) continue;
    headers.push(i);
    if (nextContentIndent(lines, i) > 0) flat = false;
  }
  const owner = new Int32Array(lines.length).fill(-1);
  if (flat) {
    let h = 0;
    for (let i = 0, current = -1; i < lines.length; i++) {
      owner[i] = current;
      if (headers[h] === i) (current = i), h++;
    }
  }
  const layout = { flat, owner };
  layouts.set(lines, { knowledge, layout });
  return layout;
}

/**
 * A top-level line names a section only when it owns one: indented children, or a flat header.
 * (IOS `crypto isakmp key <masked> address ...` matches the driver's pattern but owns nothing: its
 * text is not a label.)
 */
function opensSection(lines: readonly string[], index: number, knowledge?: DriftKnowledge): boolean {
  const line = lines[index] ?? '';
  const children = nextContentIndent(lines, index) > indentOf(line);
  if (!knowledge?.sectionStart.length) return children;
  if (!knowledge.sectionStart.some((re) => re.test(line))) return false;
  return children || layoutOf(lines, knowledge).flat;
}

/** A changed line's section label ('' when it belongs to none), per the rules above. */
export function sectionLabel(lines: readonly string[], index: number, knowledge?: DriftKnowledge): string {
  const line = lines[index] ?? '';
  if (isDecoration(line)) return '';
  const path = sectionPath(lines, index);
  if (path.length) return path.join(' > ');
  if (opensSection(lines, index, knowledge)) return label(line);
  if (knowledge?.sectionStart.length) {
    const owner = layoutOf(lines, knowledge).owner[index] ?? -1;
    if (owner >= 0) return label(lines[owner]!);
  }
  return keywordLabel(line);
}
