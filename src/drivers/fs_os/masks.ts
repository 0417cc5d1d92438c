/** FSOS secrets, masked with Oxidized's `<secret hidden>` (what the shared FSOS fixture expects). */
import { ciscoLikeMasks } from '../common/cisco-like-masks.js';
import { SECRET_HIDDEN, maskOnce, maskRestOnce } from '../common/mask-once.js';

const HIDE = SECRET_HIDDEN;

export const FSOS_MASKS = [
  // FSOS prints the encryption type first: snmp-server community 7 <community> RO ACL
  maskOnce(/\s*snmp-server community(?: [07])?/, HIDE),
  // snmp-server host 192.168.1.3 [version 2c] <community> [snmp]
  maskOnce(/\s*snmp-server host \S+(?: version (?:1|2c|3 (?:auth|noauth|priv)))?/, HIDE),
  // snmp-server user u g v3 priv aes256-c auth sha256 7 <auth key> <priv key>: both keys at the end
  maskRestOnce(/\s*snmp-server user .*? auth \S+(?: [07])?/, HIDE),
  // aaa group server radius x: server 1.2.3.4 key 7 <key>
  maskOnce(/\s*server \S+(?: .*?)? key(?: [07])?/, HIDE),
  // username x password 7 <hash>, enable password, tacacs/radius keys
  ...ciscoLikeMasks(HIDE),
];
