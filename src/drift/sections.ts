/**
 * Which config section a line sits in: the chain of less-indented lines above it (IOS
 * `interface Gi1/0/1`, Junos `interfaces { ge-0/0/0 {`, FortiOS `config system admin`).
 *
 * A label names a section, never a changed line's content (which may hold a masked secret or a
 * device's hostile text) and never a comment or `!` separator:
 * - an indented line: the path of its parents;
 * - a top-level line that opens a section (the driver's `sectionStart`, or, without driver
 *   knowledge, a line with indented children): that line, as the section's name;
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

function opensSection(lines: readonly string[], index: number, knowledge?: DriftKnowledge): boolean {
  const line = lines[index] ?? '';
  if (knowledge?.sectionStart.length) return knowledge.sectionStart.some((re) => re.test(line));
  for (let i = index + 1; i < lines.length; i++) {
    const next = lines[i]!;
    if (next.trim() && !/^\s*[!#]/.test(next)) return indentOf(next) > indentOf(line);
  }
  return false;
}

/** A changed line's section label ('' when it belongs to none), per the rules above. */
export function sectionLabel(lines: readonly string[], index: number, knowledge?: DriftKnowledge): string {
  const line = lines[index] ?? '';
  if (isDecoration(line)) return '';
  const path = sectionPath(lines, index);
  if (path.length) return path.join(' > ');
  if (opensSection(lines, index, knowledge)) return label(line);
  return keywordLabel(line);
}
