/**
 * VyOS secret masking for `show configuration commands` (`set <path...> '<value>'`). Secrets are
 * the values of password/key/secret leaves, and SNMP community names, which VyOS puts in the
 * path itself (`set service snmp community <name> authorization 'ro'`). The mask text is
 * Oxidized's, as the shared vyos fixtures expect.
 */
import { escapeRegExp } from '../common/mask-after.js';
import { applyMasks, type MaskRule } from '../common/text.js';
import { urlPasswordRule } from '../common/url-secrets.js';

export const VYOS_MASK = '<secret removed>';
const M = escapeRegExp(VYOS_MASK);
// A value: single-quoted (VyOS quotes every value it prints), double-quoted, or one bare word.
const VALUE = `(?!${M})(?:'[^'\\n]*'|"[^"\\n]*"|[^\\s'"]+)`;

/** Leaves whose value is a secret; the last path word before the value. */
const SECRET_LEAVES = [
  'password',
  'plaintext-password',
  'encrypted-password',
  'secret',
  'pre-shared-secret',
  'preshared-key',
  'private-key',
  'key',
  'md5-key',
  'shared-secret-key',
  'auth-key',
  'authentication-key',
  'passphrase',
  'community',
];

const RULES: MaskRule[] = [
  // `... <leaf> '<value>'` at the end of a set line; `private key` is the PKI spelling.
  // `public-key` / `public-keys ... key` of SSH logins are public and stay (excluded below).
  {
    // The leaf must follow a blank, so the word `secret` inside an earlier mask is never a leaf.
    pattern: new RegExp(`^(set (?![^\\n]*\\bpublic-keys? )[^\\n]*? (?:private key|${SECRET_LEAVES.join('|')}) )${VALUE}$`, 'gm'),
    replace: `$1${VYOS_MASK}`,
  },
  // `set service snmp community <name> ...`, `set service snmp trap-target <ip> community <name>`
  {
    pattern: new RegExp(`^(set service snmp (?:[^\\n]*? )?community )${VALUE}(?=\\s|$)`, 'gm'),
    replace: `$1${VYOS_MASK}`,
  },
  urlPasswordRule(VYOS_MASK),
];

export function maskVyos(config: string): string {
  return applyMasks(config, RULES);
}
