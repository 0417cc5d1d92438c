/**
 * What a masked secret looks like in the store. Pure; shared by the drivers (idempotent masking),
 * the drift rules (migration) and the tests.
 */

/** A keyed fingerprint: `<secret:` + 10 lowercase hex digits + `>`. */
export const FINGERPRINT = /^<secret:[0-9a-f]{10}>$/;

/** The constant masks drivers wrote before fingerprints (ours and Oxidized's words). */
export const CONSTANT_MASKS = ['<masked>', '<secret hidden>', '<configuration removed>', '<secret removed>', '<removed>', '<hidden>'] as const;

/** Any placeholder, constant or fingerprint, anywhere in a text (global: reset lastIndex or use matchAll). */
export const PLACEHOLDER_G = /<secret:[0-9a-f]{10}>|<masked>|<secret hidden>|<configuration removed>|<secret removed>|<removed>|<hidden>/g;

/** Cheap test before any regex: every placeholder starts with one of these. */
export function mayHoldPlaceholder(line: string): boolean {
  return line.includes('<secret') || line.includes('<masked>') || line.includes('removed>') || line.includes('<hidden>');
}

export function isFingerprint(token: string): boolean {
  return token.length === 19 && FINGERPRINT.test(token);
}

export function isConstantMask(token: string): boolean {
  return (CONSTANT_MASKS as readonly string[]).includes(token);
}

/** A token that already stands in for a secret: masking it again must leave it as it is. */
export function isPlaceholder(token: string): boolean {
  return isFingerprint(token) || isConstantMask(token);
}
