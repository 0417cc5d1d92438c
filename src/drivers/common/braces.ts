/**
 * Completeness for brace-structured configs (Junos, PAN-OS, VyOS curly format): every `{` and
 * `[` closed, no string or comment left open. Quoted text and comments are skipped, so a `}` in
 * a description or an annotation does not count.
 */
import { PullError } from '../../core/errors.js';

export interface BraceOptions {
  /** `#` starts a comment when it begins a line or follows a blank (Junos `## Last commit`). */
  hashComments?: boolean;
  /** `/* ... *\/` annotations (Junos `annotate`), possibly over several lines. */
  blockComments?: boolean;
}

export interface BraceState {
  /** Open `{` / `[` left at the end, innermost last. */
  open: string[];
  /** True when the text ends inside a quoted string or a block comment. */
  unterminated: boolean;
  /** Set when a closer appears without its opener (garbage, not truncation). */
  unbalanced?: string;
  /** Number of `{` seen: a config without one is no config. */
  blocks: number;
  /** Last character outside strings and comments: a whole config ends a statement (`}` or `;`). */
  last?: string;
}

export function scanBraces(text: string, opts: BraceOptions = {}): BraceState {
  const open: string[] = [];
  let blocks = 0;
  let inString = false;
  let inBlockComment = false;
  let last: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        last = c;
      }
      continue;
    }
    if (inBlockComment) {
      if (c === '*' && text[i + 1] === '/') {
        inBlockComment = false;
        i++;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (opts.blockComments && c === '/' && text[i + 1] === '*') {
      inBlockComment = true;
      i++;
    } else if (opts.hashComments && c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else {
      if (!/\s/.test(c)) last = c;
      if (c === '{' || c === '[') {
        open.push(c);
        if (c === '{') blocks++;
      } else if (c === '}' || c === ']') {
        const want = c === '}' ? '{' : '[';
        if (open.pop() !== want) return { open, unterminated: false, unbalanced: `unexpected "${c}"`, blocks, last };
      }
    }
  }
  return { open, unterminated: inString || inBlockComment, blocks, last };
}

/** Throws PullError('incomplete-output') unless `text` is a whole brace-structured config. */
export function requireBalancedBraces(text: string, command: string, opts: BraceOptions = {}): void {
  const state = scanBraces(text, opts);
  if (state.unbalanced) throw new PullError('protocol', `${command}: ${state.unbalanced} (garbled output?)`);
  if (state.blocks === 0) throw new PullError('incomplete-output', `${command}: no configuration block in the output`);
  if (state.unterminated) throw new PullError('incomplete-output', `${command}: output ends inside a quoted string or comment (truncated?)`);
  if (state.open.length) {
    throw new PullError('incomplete-output', `${command}: ${state.open.length} block(s) left open (truncated?)`);
  }
  // Text after the last `}` or `;` is a statement cut before its end (`}` then `sec`).
  if (state.last !== '}' && state.last !== ';') {
    throw new PullError('incomplete-output', `${command}: output ends inside a statement (truncated?)`);
  }
}
