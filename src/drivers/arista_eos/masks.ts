/**
 * EOS secrets, with the mask words the shared EOS fixture expects from Oxidized: communities
 * become `<configuration removed>`, every other secret `<secret hidden>`.
 */
import { ciscoLikeMasks } from '../common/cisco-like-masks.js';
import { CONFIG_REMOVED, SECRET_HIDDEN, maskOnce } from '../common/mask-once.js';

const HIDE = SECRET_HIDDEN;

export const EOS_MASKS = [
  // Before the shared rules, which then see a mask on the line and leave it.
  maskOnce(/\s*snmp-server community/, CONFIG_REMOVED),
  // username x privilege 15 role r secret sha512 $6$.., enable password sha512 .., tacacs/radius keys
  ...ciscoLikeMasks(HIDE),
  // snmp-server host 10.1.2.3 [vrf v] [informs|traps] version 2c <community>
  maskOnce(/\s*snmp-server host \S+(?: vrf \S+)?(?: informs| traps)? version (?:1|2c|3 (?:auth|noauth|priv))/, HIDE),
  maskOnce(/\s*snmp-server user .*? auth (?:md5|sha\d*)/, HIDE),
  maskOnce(/\s*snmp-server user .*? priv (?:des|3des|aes\d*)/, HIDE),
  maskOnce(/\s*aaa root secret(?: \d+| sha512)?/, HIDE),
  // router isis: authentication key 7 <key>; interface: isis authentication key 7 <key>
  maskOnce(/\s*(?:isis )?authentication key(?: \d+)?/, HIDE),
  // a licence key for third-party optics
  maskOnce(/\s*service unsupported-transceiver \S+/, HIDE),
];
