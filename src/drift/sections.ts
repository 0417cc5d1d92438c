/**
 * Which config section a line sits in, from indentation: the chain of less-indented lines above
 * it (IOS `interface Gi1/0/1`, Junos `interfaces { ge-0/0/0 {`, FortiOS `config system admin`).
 */

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function label(line: string): string {
  return line.trim().replace(/\s*\{$/, '');
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

/** A hunk's label: the section of its first changed line, or that line itself when top-level. */
export function sectionLabel(lines: readonly string[], index: number): string {
  const path = sectionPath(lines, index);
  if (path.length) return path.join(' > ');
  return label(lines[index] ?? '');
}
