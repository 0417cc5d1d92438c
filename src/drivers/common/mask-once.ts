/**
 * Mask rules for Cisco-like CLIs whose stored text must use Oxidized's mask words
 * (`<secret hidden>`, `<configuration removed>`) and where one driver may use two of them.
 *
 * Unlike mask-after.ts, a rule here leaves a line alone as soon as any known mask text appears
 * after its prefix. That keeps masking idempotent when the prefix has optional parts (an
 * encryption type digit, `encrypted`, an algorithm name) that a second pass could otherwise
 * take for the secret.
 */
import { MASK, type MaskRule } from './text.js';

export const SECRET_HIDDEN = '<secret hidden>';
export const CONFIG_REMOVED = '<configuration removed>';

const KNOWN_MASKS = [MASK, SECRET_HIDDEN, CONFIG_REMOVED, '<secret removed>', '<removed>'];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ANY_MASK = `(?:${KNOWN_MASKS.map(escape).join('|')})`;
const literal = (text: string) => text.replace(/\$/g, '$$$$');

/** A quoted string (spaces allowed) or a run of non-blanks. */
const TOKEN = /"[^"\n]*"|\S+/;

/**
 * Line start, `prefix`, one space, then one secret token. `prefix` is matched from the start of
 * the line (include leading `\s*` where the keyword may be indented). `token` narrows what counts
 * as the secret (e.g. "not a bare key number").
 */
export function maskOnce(prefix: RegExp, mask: string = MASK, token: RegExp = TOKEN): MaskRule {
  return {
    pattern: new RegExp(`^(${prefix.source}) (?!${ANY_MASK})(?![^\\n]*${ANY_MASK})(?:${token.source})`, 'gm'),
    replace: `$1 ${literal(mask)}`,
  };
}

/** Line start, `prefix`, one space, then everything to the end of the line (several keys in a row). */
export function maskRestOnce(prefix: RegExp, mask: string = MASK): MaskRule {
  return {
    pattern: new RegExp(`^(${prefix.source}) (?![^\\n]*${ANY_MASK})\\S[^\\n]*`, 'gm'),
    replace: `$1 ${literal(mask)}`,
  };
}
