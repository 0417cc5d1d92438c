/** NX-OS secrets, masked with Oxidized's `<secret hidden>` (what the shared NX-OS fixture expects). */
import { ciscoLikeMasks } from '../common/cisco-like-masks.js';
import { SECRET_HIDDEN, maskOnce } from '../common/mask-once.js';

const HIDE = SECRET_HIDDEN;

export const NXOS_MASKS = [
  ...ciscoLikeMasks(HIDE),
  // snmp-server user admin network-admin auth md5 <key> priv aes-128 <key> localizedV2key
  maskOnce(/\s*snmp-server user .*? auth \S+/, HIDE),
  maskOnce(/\s*snmp-server user .*? priv(?: aes-128)?/, HIDE),
  // snmp-server host 10.0.0.1 traps version 2c <community>; `... use-vrf management` has none
  maskOnce(/\s*snmp-server host \S+(?:(?: informs| traps)(?: version (?:1|2c|3 (?:auth|noauth|priv)))?| version (?:1|2c|3 (?:auth|noauth|priv)))/, HIDE),
  // BGP neighbor (indented under `neighbor x`): password 3 <key>
  maskOnce(/\s+password(?: \d+)?/, HIDE),
  // HSRP / VRRP: authentication text <key>, authentication md5 key-string [7] <key>
  maskOnce(/\s*authentication (?:text|md5 key-string(?: \d+)?)/, HIDE),
  maskOnce(/\s*ldap-server host .*? password(?: \d+)?/, HIDE),
];
