/**
 * What `secrets rekey` means for one device's drift comparison. Pure: the lead's pipeline passes
 * the latest rekey marker (state), the time of the device's baseline and the device's post-rekey
 * reference (the first snapshot pulled after the rekey, a commit in the store).
 *
 * - `normal`: no rekey since the baseline; compare as usual.
 * - `first-pull`: the first pull since the rekey. Compare with `{ rekeyed: true }` (fingerprint-only
 *   changes are the new key, not drift); commit as `<name>: secret fingerprints` when
 *   `isFingerprintMigration` says so, and record that commit as the device's reference.
 * - `via-reference`: later pulls. Compare `alignPlaceholders(baseline, reference, { rekeyed: true })`
 *   with the current text, normally: a secret changed after the rekey is drift again.
 */
export type RekeyPlan = 'normal' | 'first-pull' | 'via-reference';

export interface RekeyFacts {
  latestRekeyAt?: Date;
  /** When the device's baseline was approved (or first recorded). */
  baselineAt?: Date;
  /** The rekey the device's reference snapshot was taken after. */
  referenceRekeyAt?: Date;
}

export function rekeyPlan(f: RekeyFacts): RekeyPlan {
  if (!f.latestRekeyAt) return 'normal';
  if (f.baselineAt && f.baselineAt.getTime() >= f.latestRekeyAt.getTime()) return 'normal';
  if (f.referenceRekeyAt && f.referenceRekeyAt.getTime() === f.latestRekeyAt.getTime()) return 'via-reference';
  return 'first-pull';
}
