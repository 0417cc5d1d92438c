/**
 * Building blocks for mask rules of non-Cisco CLIs: "this keyword, then the secret token".
 * Works with any mask text (including ones with spaces, like Oxidized's `<secret hidden>`)
 * and stays idempotent because a token that already is the mask is never replaced again.
 */
import { MASK, type MaskRule } from './text.js';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A replacement string that inserts `text` literally (`$` doubled). */
function literal(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/**
 * `prefix`, whitespace, then one secret token (a double-quoted string or a run of non-blanks).
 * `prefix` may contain its own groups; it is matched as written (anchor it with `^`: the rule is
 * global and multiline). The token is skipped when it already is the mask or when the mask
 * follows later on the line: that keeps optional parts of a prefix (an encryption type digit)
 * from being re-read as the secret on a second pass.
 */
export function maskAfter(prefix: RegExp, mask: string = MASK): MaskRule {
  const skip = escapeRegExp(mask);
  return {
    pattern: new RegExp(`(?<pre>${prefix.source})(?<gap>[ \\t]+)(?!${skip})(?![^\\n]*${skip})(?:"(?:[^"\\\\\\n]|\\\\.)*"|[^\\s"]\\S*)`, 'gm'),
    replace: `$<pre>$<gap>${literal(mask)}`,
  };
}

/**
 * The whole rest of the line after `prefix` (certificates, free-text keys). The prefix must be
 * followed by whitespace; a rest that already is the mask is left alone.
 */
export function maskRestOfLine(prefix: RegExp, mask: string = MASK): MaskRule {
  const skip = escapeRegExp(mask);
  return {
    pattern: new RegExp(`(?<pre>${prefix.source})(?<gap>[ \\t]+)(?!${skip}[ \\t]*$)\\S[^\\n]*`, 'gm'),
    replace: `$<pre>$<gap>${literal(mask)}`,
  };
}

/**
 * Lines between `begin` and `end` (both kept) replaced by one mask line: PEM blocks, private keys.
 * Idempotent: a block that already holds only the mask line stays as it is.
 */
export function maskBlock(begin: RegExp, end: RegExp, mask: string = MASK): (text: string) => string {
  return (text) => {
    const out: string[] = [];
    let inside = false;
    let masked = false;
    for (const line of text.split('\n')) {
      if (!inside) {
        out.push(line);
        if (begin.test(line)) {
          inside = true;
          masked = false;
        }
        continue;
      }
      if (end.test(line)) {
        inside = false;
        out.push(line);
        continue;
      }
      if (!masked) {
        const indent = /^\s*/.exec(line)?.[0] ?? '';
        out.push(indent + mask);
        masked = true;
      }
    }
    return out.join('\n');
  };
}
