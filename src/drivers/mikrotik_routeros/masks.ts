/**
 * RouterOS secret masking for `/export show-sensitive`: `key=value` arguments whose key names a
 * secret (passwords, IPsec/WireGuard/Wi-Fi keys, RADIUS and routing secrets), and the community
 * names of `/snmp community`, which are SNMPv1/v2c passwords.
 */
import { applyMasks, MASK, type MaskRule } from '../common/text.js';

const VALUE = String.raw`(?:"(?:[^"\\\n]|\\.)*"|[^\s"]+)`;

const RULES: readonly MaskRule[] = [
  {
    // Any key ending in one of these (`authentication-password`, `wpa2-pre-shared-key`, `tcp-md5-key`).
    pattern: new RegExp(
      String.raw`(\s(?:[\w-]*-)?(?:password|passwd|secret|passphrase|pre-shared-key|preshared-key|private-key|auth-key|authentication-key|md5-key|key-string)=)${VALUE}`,
      'g',
    ),
    replace: `$1${MASK}`,
  },
  // `/snmp set trap-community=...`
  { pattern: new RegExp(String.raw`(\strap-community=)${VALUE}`, 'g'), replace: `$1${MASK}` },
];

/** Arguments only `/snmp community` entries have: such a line is recognised even out of context. */
const COMMUNITY_ARGS = /\s(?:security=(?:none|authorized|private)|read-access=|write-access=)/;

/** `name=` (and `set [ find name=... ]`) of a `/snmp community` entry is the community itself. */
function maskSnmpCommunities(text: string): string {
  let menu = '';
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('/')) menu = line.trim();
      if (line.startsWith('/') || line.startsWith('#')) return line;
      if (menu !== '/snmp community' && !COMMUNITY_ARGS.test(line)) return line;
      return line.replace(new RegExp(String.raw`(\bname=)${VALUE}`, 'g'), `$1${MASK}`);
    })
    .join('\n');
}

export function maskRouteros(config: string): string {
  return maskSnmpCommunities(applyMasks(config, RULES));
}
