/**
 * Which changed lines an expectation's `--lines` patterns cover. Lines are device output (hostile):
 * an over-long line is never covered, so a pathological pattern cannot be made to spin on it and
 * a padded line cannot slip through.
 */

/** Changed lines longer than this are never covered by a pattern (they stay unauthorized). */
export const MAX_COVERED_LINE = 4096;
const MAX_CACHED = 1000;
const compiled = new Map<string, RegExp | null>();

/** The compiled pattern, or null when the source is not a valid regex (a tampered state row). */
export function linePattern(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source);
    } catch {
      re = null;
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(source, re);
  }
  return re;
}

/** The message of the error a pattern gives, or undefined when it compiles. */
export function patternError(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * True when one of `sources` matches `line`, as stored (indented) or trimmed, so `^description`
 * and `^ description` both match ` description uplink`. Any invalid source fails closed.
 */
export function lineCovered(line: string, sources: readonly string[]): boolean {
  if (line.length > MAX_COVERED_LINE) return false;
  const trimmed = line.trim();
  return sources.some((s) => {
    const re = linePattern(s);
    return re !== null && (re.test(line) || re.test(trimmed));
  });
}
