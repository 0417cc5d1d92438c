/** What a change means on FTD (LINA config as shown by `show running-config`). */
import type { DriftKnowledge } from '../types.js';

export const FTD_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(interface|object|object-group|access-list|route-map|router|crypto|tunnel-group|group-policy|aaa-server|class-map|policy-map|ssl|dns server-group|snmp-server|logging|failover|flow-export|threat-detection|username \S+ attributes)\b.*/,
  ],
  critical: [
    /^\s*(username|enable password|aaa|aaa-server|tunnel-group|group-policy|ldap|key )/,
    /^\s*snmp-server /,
    /^\s*(access-list|access-group|object|object-group|nat |static |global )/,
    /^\s*(ssh |http |telnet |management-access|icmp (permit|deny))/,
    /^\s*(crypto|ikev1|ikev2|pre-shared-key|ssl |webvpn)/,
    /^\s*(logging|ntp |clock )/,
    /authentication|message-digest|password|Cryptochecksum/,
  ],
};
