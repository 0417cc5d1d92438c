/**
 * Secret masking shared by Cisco-like CLIs (IOS, IOS-XE, NX-OS, EOS, ASA): passwords, enable
 * secrets, SNMP communities, AAA and routing-protocol keys, pre-shared keys.
 * Each rule keeps the keyword and the encryption type digit so a change of type stays visible.
 */
import { MASK, type MaskRule } from './text.js';

/**
 * `prefix` then a space then the secret token. The token is skipped when it already is the mask or
 * when a mask follows later on the line: that is what makes masking idempotent even where optional
 * parts of the prefix (an encryption type digit) could otherwise be re-read as the secret.
 */
const m = (prefix: RegExp): MaskRule => ({
  pattern: new RegExp(`^(${prefix.source}) (?!${MASK})(?![^\\n]*${MASK})\\S+`, 'gm'),
  replace: `$1 ${MASK}`,
});

export const CISCO_MASKS: readonly MaskRule[] = [
  // enable secret 9 $9$..., enable password 7 ...
  m(/\s*enable (?:secret|password)(?: level \d+)?(?: \d+)?/),
  // username x privilege 15 secret 9 $9$..., username x password 7 ...
  m(/\s*username \S+(?: .*?)? (?:secret|password)(?: \d+)?/),
  // snmp-server community <community> RO
  m(/\s*snmp-server community/),
  // snmp-server host 10.0.0.1 [vrf X] [informs|traps] [version 1|2c|3 auth|noauth|priv] <community>
  m(/\s*snmp-server host \S+(?: vrf \S+)?(?: informs| traps)?(?: version (?:1|2c|3 (?:auth|noauth|priv)))?/),
  // snmp-server user x group v3 auth sha <key> priv aes 128 <key>
  m(/\s*snmp-server user .*? auth \S+/),
  m(/\s*snmp-server user .*? priv (?:des|3des|aes(?: \d+)?)/),
  // tacacs/radius: key 7 xxx, server-key 7 xxx, server-private 1.2.3.4 key 7 xxx, pac key
  m(/\s*(?:tacacs-server|radius-server)(?: host \S+.*?)? key(?: \d+)?/),
  // not `key chain NAME` nor a key-chain entry id (` key 1`)
  m(/\s*(?:key|server-key|pac key)(?! chain\b)(?!\s+\d+\s*$)(?: \d+)?/),
  m(/\s*client \S+(?: vrf \S+)? server-key(?: \d+)?/),
  m(/\s*server-private \S+(?: .*?)? key(?: \d+)?/),
  // routing protocol and FHRP authentication
  m(/\s*(?:ip |ipv6 )?(?:ospf |isis )?(?:authentication-key|message-digest-key \d+ md5)(?: \d+)?/),
  m(/\s*neighbor \S+ password(?: \d+)?/),
  m(/\s*standby(?: \d+)? authentication(?: md5 key-string| text)?(?: \d+)?/),
  m(/\s*vrrp \d+ authentication(?: text| md5 key-string)?(?: \d+)?/),
  m(/\s*key-string(?: \d+)?/),
  // IPsec / wireless / misc
  m(/\s*crypto isakmp key(?: \d+)?/),
  m(/\s*pre-shared-key(?: local| remote)?(?: \d+)?/),
  m(/\s*(?:wpa-psk|psk) ascii(?: \d+)?/),
  m(/\s*(?:ppp (?:chap|pap) (?:password|sent-username \S+ password)|ip ftp password|ip http client password)(?: \d+)?/),
  m(/\s*password(?: \d+)?/),
];

/** Every rule above needs one of these words on the line (see applyLineMasks). */
export const CISCO_MASK_KEYWORDS = /secret|password|community|snmp-server|key|authentication|psk|passw/;
