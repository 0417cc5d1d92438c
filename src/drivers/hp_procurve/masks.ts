/** ProCurve secrets (values are often quoted; a quoted value counts as one token). */
import { maskOnce } from '../common/mask-once.js';

export const PROCURVE_MASKS = [
  // snmp-server community "public" operator unrestricted
  maskOnce(/\s*snmp-server community/),
  // snmp-server host 10.0.0.1 community "public" trap-level all (older: without `community`)
  maskOnce(/\s*snmp-server host \S+(?: community)?/),
  // snmpv3 user "u" auth sha "<key>" priv aes "<key>"
  maskOnce(/\s*snmpv3 user .*? auth (?:md5|sha)/),
  maskOnce(/\s*snmpv3 user .*? priv (?:des|aes)/),
  // radius-server host 10.0.0.1 key "x", radius-server key x, tacacs-server likewise
  maskOnce(/\s*(?:radius-server|tacacs-server)(?: host \S+)? key/),
  // with include-credentials: password manager user-name "admin" sha1 "<hash>"
  maskOnce(/\s*password (?:manager|operator|port-access)(?: user-name \S+)? (?:sha1|plaintext)/),
  maskOnce(/\s*key-chain .*? key-string/),
];
