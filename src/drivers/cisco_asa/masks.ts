/** ASA secrets, masked with Oxidized's `<secret hidden>` (what the shared ASA fixture expects). */
import { ciscoLikeMasks } from '../common/cisco-like-masks.js';
import { SECRET_HIDDEN, maskOnce } from '../common/mask-once.js';

const HIDE = SECRET_HIDDEN;

export const ASA_MASKS = [
  // enable password <hash> pbkdf2, username x password <hash> pbkdf2, aaa-server children " key x"
  ...ciscoLikeMasks(HIDE),
  // passwd <hash> encrypted (the login password)
  maskOnce(/passwd/, HIDE),
  // tunnel-group x ipsec-attributes: ikev1 pre-shared-key x, ikev2 remote-authentication pre-shared-key x
  maskOnce(/\s*(?:ikev[12](?: (?:remote|local)-authentication)? )?pre-shared-key(?: \d+)?/, HIDE),
  maskOnce(/\s*(?:ldap-login-password|radius-common-pw)/, HIDE),
  // snmp-server host inside 10.0.0.1 community <community> version 2c
  maskOnce(/\s*snmp-server host \S+ \S+(?: poll| trap)? community(?: \d+)?/, HIDE),
  maskOnce(/\s*snmp-server user .*? auth (?:md5|sha\d*)/, HIDE),
  maskOnce(/\s*snmp-server user .*? priv (?:des|3des|aes(?: \d+)?)/, HIDE),
  maskOnce(/\s*failover key(?: hex)?/, HIDE),
  maskOnce(/\s*vpdn username \S+ password/, HIDE),
];
