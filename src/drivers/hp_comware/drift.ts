/** What a change means on Comware: users, SNMP, ACLs, AAA schemes and management access are critical. */
import type { DriftKnowledge } from '../types.js';

export const COMWARE_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(interface|vlan|local-user|user-group|role name|radius scheme|hwtacacs scheme|domain|acl|user-interface|line|ospf|bgp|isis|rip|irf|ike|ipsec|qos|traffic (classifier|behavior)|stp region-configuration|ntp-service)\b.*/,
  ],
  critical: [
    /^\s*(local-user|password|super|user-role|authorization-attribute|service-type)\b/,
    /^\s*snmp-agent\b/,
    /^\s*(acl|rule \d+ (permit|deny)|packet-filter)\b/,
    /^\s*(ssh|stelnet|telnet|ip https?|user-interface|line (vty|con|aux)|authentication-mode|protocol inbound)\b/,
    /^\s*(radius|hwtacacs|domain|key (authentication|accounting|authorization)|primary|secondary)\b/,
    /^\s*(ike|ipsec|pre-shared-key|public-key)\b/,
    /^\s*(info-center loghost|ntp-service)\b/,
  ],
};
