/**
 * PAN-OS secret masking for `show config running` (brace format). Secrets are leaves such as
 * `phash $5$...;` (admin password hashes), `-AQ==...` values encrypted with the master key
 * (RADIUS/LDAP secrets, IKE pre-shared keys, certificate private keys) and SNMPv2c community
 * strings in clear text. The `;` that ends the statement is kept so the structure stays valid.
 */
import { escapeRegExp } from '../common/mask-after.js';
import { applyMasks, MASK, type MaskRule } from '../common/text.js';

const SECRET_LEAVES = [
  'phash',
  'key',
  'private-key',
  'snmp-community-string',
  'community',
  'authpwd',
  'privpwd',
  'auth-key',
  'md5-key',
  '[\\w-]*password',
  '[\\w-]*passwd',
  '[\\w-]*secret',
  '[\\w-]*passphrase',
];

const RULES: readonly MaskRule[] = [
  {
    // A quoted value may span lines (an unencrypted PEM key); a bare one runs to the `;`.
    pattern: new RegExp(
      `^(\\s*(?:${SECRET_LEAVES.join('|')}) )(?!${escapeRegExp(MASK)};)(?:"(?:[^"\\\\]|\\\\.)*"|[^\\s;"]+)(;)`,
      'gm',
    ),
    replace: `$1${MASK}$2`,
  },
];

export function maskPanos(config: string): string {
  return applyMasks(config, RULES);
}
