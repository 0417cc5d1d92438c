/** What a change means on ProCurve: credentials, SNMP, AAA, manager ACLs and management access are critical. */
import type { DriftKnowledge } from '../types.js';

export const PROCURVE_DRIFT: DriftKnowledge = {
  sectionStart: [/^(vlan|interface|router|ip access-list|ipv6 access-list|class|policy|aaa port-access|spanning-tree instance|oobm|stacking)\b.*/],
  critical: [
    /^\s*(password|include-credentials|aaa|radius-server|tacacs-server|operator|manager)\b/,
    /^\s*(snmp-server|snmpv3)\b/,
    /^\s*(ip authorized-managers|ip access-list|ipv6 access-list|\d+ (permit|deny)|ip access-group)\b/,
    /^\s*(no )?(telnet-server|web-management|ip ssh|ssh|crypto|key-chain|console|rest-interface)\b/,
    /^\s*(logging|sntp|ntp|timesync)\b/,
  ],
};
