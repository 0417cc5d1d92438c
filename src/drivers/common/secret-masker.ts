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
import { isPlaceholder } from '../../secrets/placeholders.js';
import type { SecretMask } from '../types.js';
import { catchAll } from './catch-all.js';

/** Every constant mask a driver rule or the catch-all writes. */
const CONSTANT = /<masked>|<secret hidden>|<configuration removed>|<secret removed>|<removed>|<hidden>/g;

/** `masked` with each constant mask replaced by `mask(token)`; undefined when the texts do not align. */
export function realign(original: string, masked: string, mask: SecretMask): string | undefined {
  const marks = [...masked.matchAll(CONSTANT)];
  const out: string[] = [];
  let o = 0; // position in original
  let m = 0; // position in masked
  for (let k = 0; k < marks.length; k++) {
    const mark = marks[k]!;
    const literal = masked.slice(m, mark.index);
    if (!original.startsWith(literal, o)) return undefined;
    out.push(literal);
    o += literal.length;
    m = mark.index + mark[0].length;
    const nextAt = k + 1 < marks.length ? marks[k + 1]!.index : masked.length;
    // The secret ends where the next literal begins; an empty literal (mask at the very end, or two
    // masks in a row) is bounded by the end of the line.
    const next = masked.slice(m, nextAt);
    let end: number;
    if (next === '' && nextAt === masked.length) end = original.length;
    else if (next === '') end = lineEnd(original, o);
    else end = original.indexOf(next, o + 1);
    if (end === -1 || end < o) return undefined;
    const token = original.slice(o, end);
    out.push(isPlaceholder(token) ? token : mask(token));
    o = end;
  }
  const rest = masked.slice(m);
  if (original.slice(o) !== rest) return undefined;
  out.push(rest);
  return out.join('');
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

/**
 * A driver's `maskSecrets` from its constant-mask rules. Without `mask`: the driver's text as
 * before (constant masks). With `mask`: every secret token replaced by `mask(token)`.
 */
export function secretMasker(rules: (config: string) => string): (config: string, mask?: SecretMask) => string {
  return (config, mask) => {
    const masked = catchAll(rules(config));
    if (!mask || masked === config) return masked;
    return realign(config, masked, mask) ?? masked;
  };
}
