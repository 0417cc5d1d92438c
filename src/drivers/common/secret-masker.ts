/**
 * How every driver's `maskSecrets(config, mask?)` is built: the driver's own rules (written with a
 * constant mask text, as they always were) plus the keyword catch-all give the masked text; when a
 * `mask` function is passed (keyed fingerprints), each constant mask is replaced by `mask(token)`
 * where `token` is the exact original text it stands for.
 *
 * The tokens are recovered by aligning the masked text with the original: the text between two
 * masks is literal original text, so each secret is what lies between two such literals. Rules
 * stay simple (no callbacks in 25 drivers' regexes), and the mask text is the only contract.
 * Fail-safe: if the alignment ever fails, the constant-masked text is returned (never a secret).
 */
import { CONSTANT_MASKS, isPlaceholder } from '../../secrets/placeholders.js';
import type { SecretMask } from '../types.js';
import { catchAll } from './catch-all.js';

interface Mark {
  index: number;
  length: number;
}

/** Every constant mask in `text`: an indexOf('<') walk (configs hold few `<`) instead of a regex scan. */
function constantMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const mask = CONSTANT_MASKS.find((m) => text.startsWith(m, at));
    if (mask) {
      marks.push({ index: at, length: mask.length });
      at += mask.length - 1;
    }
  }
  return marks;
}

/** `masked` with each constant mask replaced by `mask(token)`; undefined when the texts do not align. */
export function realign(original: string, masked: string, mask: SecretMask, keepConstant?: (linePrefix: string) => boolean): string | undefined {
  const marks = constantMarks(masked);
  const out: string[] = [];
  let o = 0; // position in original
  let m = 0; // position in masked
  for (let k = 0; k < marks.length; k++) {
    const mark = marks[k]!;
    const literal = masked.slice(m, mark.index);
    // slice + === rather than startsWith(literal, o): V8 compares long slices with memcmp, startsWith char by char.
    if (original.slice(o, o + literal.length) !== literal) return undefined;
    out.push(literal);
    o += literal.length;
    m = mark.index + mark.length;
    const nextAt = k + 1 < marks.length ? marks[k + 1]!.index : masked.length;
    // The secret ends where the next literal begins; an empty literal (mask at the very end, or two
    // masks in a row) is bounded by the end of the line.
    const next = masked.slice(m, nextAt);
    let end: number;
    if (next === '' && nextAt === masked.length) end = original.length;
    else if (next === '') end = lineEnd(original, o);
    else end = original.indexOf(needle(next), o + 1); // the full literal is checked on the next round
    if (end === -1 || end < o) return undefined;
    const token = original.slice(o, end);
    if (isPlaceholder(token)) out.push(token);
    else if (keepConstant?.(original.slice(original.lastIndexOf('\n', o - 1) + 1, o))) out.push(masked.slice(mark.index, m));
    else out.push(mask(token));
    o = end;
  }
  const rest = masked.slice(m);
  if (original.slice(o) !== rest) return undefined;
  out.push(rest);
  return out.join('');
}

/** The start of a literal, up to its first line break past the first character: specific enough, and short. */
function needle(literal: string): string {
  const nl = literal.indexOf('\n', 1);
  return literal.slice(0, Math.min(nl === -1 ? literal.length : nl + 1, 200));
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

/**
 * A driver's `maskSecrets` from its constant-mask rules. Without `mask`: the driver's text as
 * before (constant masks). With `mask`: every secret token replaced by `mask(token)`.
 */
export interface MaskerOptions {
  /**
   * The text of the line before a secret that the device re-encrypts with a fresh salt on every
   * show (FortiOS `set x ENC <base64>`): its fingerprint would change on every pull, so it keeps
   * the constant mask. A change of such a secret cannot be seen.
   */
  reEncrypted?: RegExp;
}

export function secretMasker(rules: (config: string) => string, opts: MaskerOptions = {}): (config: string, mask?: SecretMask) => string {
  const keep = opts.reEncrypted && ((prefix: string) => opts.reEncrypted!.test(prefix));
  return (config, mask) => {
    const masked = catchAll(rules(config));
    if (!mask || masked === config) return masked;
    return realign(config, masked, mask, keep) ?? masked;
  };
}
