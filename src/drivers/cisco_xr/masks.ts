/**
 * IOS-XR secrets. XR writes the encryption kind as a word (`encrypted`, `clear`, `password`) or
 * a type digit before the secret; both stay visible.
 */
import { NOT_A_KEY_ID } from '../common/cisco-like-masks.js';
import { maskOnce } from '../common/mask-once.js';

const KIND = '(?: \\d+| encrypted| clear)?';
const kind = (prefix: RegExp) => new RegExp(prefix.source + KIND);

export const XR_MASKS = [
  // username x: secret 10 $6$.., password 7 <hash>; BGP neighbor: password encrypted <hash>
  maskOnce(kind(/\s*secret/)),
  maskOnce(kind(/\s*password/)),
  // snmp-server community [encrypted|clear] <community> RO (no type digit: a numeric community stays one)
  maskOnce(/\s*snmp-server community(?: encrypted| clear)?/),
  // snmp-server host 10.0.0.1 traps [encrypted] version 2c <community>
  maskOnce(/\s*snmp-server host \S+(?: (?:clear|encrypted|informs|traps|version (?:1|2c|3 (?:auth|noauth|priv))))+/),
  maskOnce(kind(/\s*snmp-server user .*? auth (?:md5|sha)/)),
  maskOnce(kind(/\s*snmp-server user .*? priv (?:des56|3des|aes \d+)/)),
  maskOnce(kind(/\s*(?:tacacs-server|radius-server)(?: host \S+.*?)? key/)),
  // tacacs-server host x: key 7 <key>; but `key 1` in a key chain is an id
  maskOnce(kind(/\s*key/), undefined, NOT_A_KEY_ID),
  maskOnce(kind(/\s*key-string(?: password)?/)),
  // router ospf: authentication-key encrypted <key>, message-digest-key 1 md5 encrypted <key>
  maskOnce(kind(/\s*(?:authentication-key(?: \d+ md5)?|message-digest-key \d+ md5)/)),
  maskOnce(kind(/\s*(?:pre-shared-key|ntp authentication-key \d+ md5)/)),
];
