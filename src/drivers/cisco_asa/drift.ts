/** What a change means on an ASA: policy objects, NAT, VPN and management access are critical. */
import type { DriftKnowledge } from '../types.js';

export const ASA_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(interface|object|object-group|tunnel-group|group-policy|crypto (map|ikev[12]|ipsec|ca)|aaa-server|class-map|policy-map|webvpn|router|username|dns server-group|call-home|context|failover group)\b.*/,
  ],
  critical: [
    /^\s*(access-list|access-group|nat|object|object-group|same-security-traffic)\b/,
    /^\s*(permit|deny)\b|^\s*(network|service)-object\b/,
    /^\s*(nameif|security-level)\b/,
    /^\s*(username|enable password|passwd|aaa|aaa-server|privilege)\b/,
    /^\s*(tunnel-group|group-policy|crypto|ikev[12]|pre-shared-key|webvpn|anyconnect)\b/,
    /^\s*(ssh|telnet|http|management-access|icmp|console timeout)\b/,
    /^\s*(snmp-server|logging (host|trap|enable)|ntp)\b/,
    /^\s*(failover|key|ldap-login-password)\b/,
  ],
};
