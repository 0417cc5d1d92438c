/**
 * What a change means on Junos. Hunks are labelled by the brace hierarchy (`system > login >
 * user ops`), so critical patterns match either a changed line or that label.
 */
import type { DriftKnowledge } from '../types.js';

export const JUNOS_DRIFT: DriftKnowledge = {
  // Top-level statements own everything indented below them.
  sectionStart: [/^(?:inactive: )?[\w-]+(?: \S+)? \{$/],
  critical: [
    // Users and authentication: local accounts, root password, RADIUS/TACACS+, login classes.
    /\b(login|root-authentication|authentication-order|radius-server|tacplus-server|radius-options|tacplus-options|encrypted-password)\b/,
    /^snmp\b|^\s*snmp\b|\bcommunity\b/,
    // Firewall policy: SRX security policies/zones/screens/NAT, stateless firewall filters.
    /^security > (policies|zones|screen|nat|address-book)|^firewall\b|^\s*firewall\b|\bfilter\b|\bpolicy \S+ \{?|\bthen \{|\b(permit|deny|reject|discard);/,
    // Management access: system services (ssh, telnet, web, netconf), host-inbound traffic.
    /^system > services|\b(ssh|telnet|web-management|netconf|host-inbound-traffic|system-services)\b/,
    // Crypto: IKE/IPsec, PKI, secrets Junos flags itself.
    /^security > (ike|ipsec|pki)|\b(ike|ipsec|pki|pre-shared-key|certificate)\b|SECRET-DATA/,
    // Logging, time, routing-protocol authentication.
    /\b(syslog|ntp|archival)\b|\bauthentication(-key|-type|-algorithm)?\b/,
  ],
};
