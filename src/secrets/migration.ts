/**
 * Pure rules about placeholders across two versions of a config:
 * - `<masked>` (or another constant mask) becoming `<secret:...>` is an upgrade of the store, not a
 *   change of the device (stores written before fingerprints migrate without an alert);
 * - after `secrets rekey`, one fingerprint becoming another on an otherwise equal line is the new
 *   key, not a new secret;
 * - otherwise a fingerprint becoming another is a changed secret: drift, reported per line.
 * A line's "shape" is the line with its placeholders cut out: two lines of one shape differ only
 * in their secrets.
 */
import { isConstantMask, isFingerprint, mayHoldPlaceholder, PLACEHOLDER_G } from './placeholders.js';

export interface FingerprintRules {
  /** Fingerprints were re-keyed since the older text was written: fingerprint-only changes are not drift. */
  rekeyed?: boolean;
}

const SHAPE_HOLE = '\u0000';

function split(line: string): { shape: string; holes: string[] } | undefined {
  if (!mayHoldPlaceholder(line)) return undefined;
  const holes: string[] = [];
  const shape = line.replace(PLACEHOLDER_G, (m) => {
    holes.push(m);
    return SHAPE_HOLE;
  });
  return holes.length ? { shape, holes } : undefined;
}

/** `after` says the same as `before`, only its placeholders were upgraded (or, after a rekey, re-keyed). */
export function isPlaceholderUpgrade(before: string, after: string, rules: FingerprintRules = {}): boolean {
  if (before === after) return true;
  const b = split(before);
  const a = split(after);
  if (!b || !a || b.shape !== a.shape) return false;
  return b.holes.every((old, i) => {
    const now = a.holes[i]!;
    if (old === now || isConstantMask(old) || isConstantMask(now)) return true; // a constant mask never told anything
    return rules.rekeyed === true && isFingerprint(old) && isFingerprint(now);
  });
}

/** Same line, a different fingerprint: the secret itself changed (neither value is known or shown). */
export function isSecretChange(before: string, after: string): boolean {
  const b = split(before);
  const a = split(after);
  if (!b || !a || b.shape !== a.shape) return false;
  return b.holes.some((old, i) => old !== a.holes[i] && isFingerprint(old) && isFingerprint(a.holes[i]!));
}

/**
 * The baseline as it would read had it been written with the current placeholders: each baseline
 * line holding a placeholder and absent from `current` takes the current line of the same shape
 * when that line is a mere upgrade. Applied before diffing, so every consumer of the drift result
 * (alerts, `diff`, `drift`) sees no change there.
 */
export function alignPlaceholders(baseline: string, current: string, rules: FingerprintRules = {}): string {
  if (baseline === current || !mayHoldPlaceholder(baseline)) return baseline;
  const currentLines = current.split('\n');
  const present = new Set(currentLines);
  const byShape = new Map<string, string[]>();
  for (const line of currentLines) {
    const s = split(line);
    if (s) (byShape.get(s.shape) ?? byShape.set(s.shape, []).get(s.shape)!).push(line);
  }
  let changed = false;
  const out = baseline.split('\n').map((line) => {
    if (present.has(line)) return line;
    const s = split(line);
    const queue = s && byShape.get(s.shape);
    if (!queue) return line;
    const at = queue.findIndex((candidate) => isPlaceholderUpgrade(line, candidate, rules));
    if (at === -1) return line;
    changed = true;
    return queue.splice(at, 1)[0]!;
  });
  return changed ? out.join('\n') : baseline;
}

/**
 * The new snapshot differs from the previous one only by placeholders (the first fingerprinted pull
 * of a `<masked>` store, or the first pull after a rekey): the pipeline commits it with the message
 * `<name>: secret fingerprints` and raises no alert.
 */
export function isFingerprintMigration(previous: string, next: string, rules: FingerprintRules = {}): boolean {
  if (previous === next) return false;
  const before = previous.split('\n');
  const after = next.split('\n');
  if (before.length !== after.length) return false;
  return before.every((line, i) => isPlaceholderUpgrade(line, after[i]!, rules));
}

export const FINGERPRINT_MIGRATION_MESSAGE = (device: string) => `${device}: secret fingerprints`;
