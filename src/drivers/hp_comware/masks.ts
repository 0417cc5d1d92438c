/** Comware secrets: local-user and super passwords, SNMP communities and USM keys, AAA and routing keys. */
import { maskOnce } from '../common/mask-once.js';

export const COMWARE_MASKS = [
  // local-user x: password hash $h$6$.. | password cipher $c$3$.. | password simple x
  maskOnce(/\s*password (?:hash|cipher|simple)/),
  maskOnce(/\s*super password(?: level \d+| role \S+)?(?: hash| cipher| simple)/),
  // snmp-agent community read [cipher|simple] <community> [acl 2000]
  maskOnce(/\s*snmp-agent community (?:read|write)(?: simple| cipher)?/),
  // snmp-agent usm-user v3 u g [cipher] authentication-mode sha <key> privacy-mode aes128 <key>
  maskOnce(/\s*snmp-agent usm-user .*? authentication-mode \S+/),
  maskOnce(/\s*snmp-agent usm-user .*? privacy-mode \S+/),
  // v1/v2c trap targets name their community as the security name
  maskOnce(/\s*snmp-agent target-host .*? securityname/),
  // radius scheme / hwtacacs scheme: key authentication cipher <key>
  maskOnce(/\s*key (?:authentication|accounting|authorization)(?: cipher| simple)?/),
  // ospf authentication-mode md5 1 cipher <key>; area: authentication-mode simple cipher <key>
  maskOnce(/\s*(?:ospf |isis |rip )?authentication-mode (?:md5|hmac-md5|hmac-sha-256|simple)(?: \d+)?(?: cipher| plain| simple)?/),
  // bgp: peer 10.0.0.1 password cipher <key>
  maskOnce(/\s*peer \S+ password(?: cipher| simple)?/),
  maskOnce(/\s*pre-shared-key(?: cipher| simple)?/),
  // user-interface vty 0 4: set authentication password cipher <password>
  maskOnce(/\s*set authentication password(?: cipher| simple)?/),
];
