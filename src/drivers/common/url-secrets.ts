/**
 * Passwords embedded in URLs (`ftp://user:secret@host/`): archive sites, backup targets, proxies.
 * The user name stays visible; only the part between `:` and `@` is masked.
 */
import { escapeRegExp } from './mask-after.js';
import { MASK, type MaskRule } from './text.js';

export function urlPasswordRule(mask: string = MASK): MaskRule {
  return {
    // scheme://user:password@  — the password may not hold blanks, quotes or another `@`.
    pattern: new RegExp(`(\\b[a-z][\\w+.-]*://[^\\s:/@"']+:)(?!${escapeRegExp(mask)}@)[^\\s@"'/]+(@)`, 'gi'),
    replace: `$1${mask.replace(/\$/g, '$$$$')}$2`,
  };
}
