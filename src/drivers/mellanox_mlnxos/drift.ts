/** What a change means on Onyx: its config is grouped under `## <topic> configuration` banners. */
import type { DriftKnowledge } from '../types.js';

export const MLNXOS_DRIFT: DriftKnowledge = {
  sectionStart: [/^## [A-Z][\w ./-]* configuration$/, /^\s*(interface \S+ \S+|router bgp|protocol \S+|vlan \S+|mlag|ip prefix-list|route-map)\b.*/],
  critical: [
    /^\s*(username|aaa |radius-server|tacacs-server|ldap )/,
    /^\s*snmp-server /,
    /^\s*(ipv4 access-list|ipv6 access-list|mac access-list|access-list|ip access-group|interface \S+ \S+ (ipv4|ipv6|mac) port access-group)/,
    /^\s*(ssh |web |no ssh|no web|telnet|ip http|api |json-gw|ssh server|ssh client)/,
    /^\s*(crypto|ssh server host-key|certificate)/,
    /^\s*(logging|ntp |clock )/,
    /authentication|password|\bkey\b/,
  ],
};
