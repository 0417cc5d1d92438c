/**
 * FortiOS config structure: `config <path>` ... `end` blocks holding `edit <name>` ... `next`
 * entries, nested to any depth (VDOM configs wrap everything in `config vdom` / `edit <vdom>`).
 * Values in double quotes may span lines (certificates, replacement messages, scripts), so
 * a line only counts as structure when it starts outside a string.
 */

/** Walks the config line by line, telling `visit` whether each line starts inside a string. */
export function walkFortiLines(text: string, visit: (line: string, inString: boolean) => void): boolean {
  let inString = false;
  for (const line of text.split('\n')) {
    visit(line, inString);
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\') i++;
      else if (c === '"') inString = !inString;
    }
  }
  return inString;
}

export interface FortiStructure {
  /** `config` blocks seen. */
  blocks: number;
  /** Unclosed `config` / `edit` at the end, innermost last. */
  open: string[];
  /** True when the text ends inside a quoted value. */
  inString: boolean;
  /** A `next`/`end` that closes nothing: garbage rather than truncation. */
  mismatch?: string;
  /** Last line outside quoted values: a whole config ends with `end`. */
  lastLine?: string;
}

export function scanFortiStructure(text: string): FortiStructure {
  const open: string[] = [];
  let blocks = 0;
  let mismatch: string | undefined;
  let lastLine: string | undefined;
  const inString = walkFortiLines(text, (line, quoted) => {
    if (quoted || mismatch || !line.trim()) return;
    lastLine = line.trim();
    const word = line.trim().split(/\s+/, 1)[0];
    if (word === 'config') {
      open.push(line.trim());
      blocks++;
    } else if (word === 'edit') open.push('edit');
    else if (word === 'next' || word === 'end') {
      const top = open.pop();
      const fits = word === 'next' ? top === 'edit' : top !== undefined && top !== 'edit';
      if (!fits) mismatch = `"${word}" without its opening line`;
    }
  });
  return { blocks, open, inString, mismatch, lastLine };
}
