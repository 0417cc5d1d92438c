/**
 * Junos secret masking. Junos itself flags every secret-typed value with a trailing
 * `## SECRET-DATA` comment (encrypted-password, authentication-key, pre-shared-key, secret...),
 * so that comment is the main rule. SNMP communities and URL passwords carry no flag and get
 * their own rules. The mask text is Oxidized's, as the shared junos fixtures expect.
 */
import { escapeRegExp } from '../common/mask-after.js';
import { applyMasks } from '../common/text.js';
import { urlPasswordRule } from '../common/url-secrets.js';

export const JUNOS_MASK = '<secret removed>';
const M = escapeRegExp(JUNOS_MASK);

const RULES = [
  // `<keyword...> <value>; ## SECRET-DATA`: the value is the last token (quoted or not) before `;`.
  {
    pattern: new RegExp(`^(?![^\\n]*${M};)([^\\n]*?\\s)(?:"(?:[^"\\\\\\n]|\\\\.)*"|[^\\s;"]+)(;[ \\t]*## SECRET-DATA)`, 'gm'),
    replace: `$1${JUNOS_MASK}$2`,
  },
  urlPasswordRule(JUNOS_MASK),
];

/** Lines that open `snmp {` blocks; communities inside are SNMPv1/v2c passwords in clear text. */
function maskSnmpCommunities(config: string): string {
  const path: string[] = [];
  return config
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      let out = line;
      if (path.includes('snmp')) {
        // `community public {`, `community public;`, `community "x y" { ... }`
        out = line.replace(
          new RegExp(`^(\\s*(?:inactive: )?community )(?!${M})(?:"(?:[^"\\\\]|\\\\.)*"|[^\\s;{]+)(?=\\s*[;{])`),
          `$1${JUNOS_MASK}`,
        );
      }
      if (trimmed.endsWith('{')) path.push(trimmed.replace(/^(?:inactive: |protect: )*/, '').split(/\s/)[0]!);
      else if (trimmed.startsWith('}')) path.pop();
      return out;
    })
    .join('\n');
}

export function maskJunos(config: string): string {
  return maskSnmpCommunities(applyMasks(config, RULES));
}
