/** What a change means on IOS: which lines open a section, and which sections are security-relevant. */
import type { DriftKnowledge } from '../types.js';

export const IOS_DRIFT: DriftKnowledge = {
  // Top-level lines that own indented children.
  sectionStart: [
    /^(interface|router|line|vlan|ip access-list|ipv6 access-list|class-map|policy-map|route-map|crypto|aaa group|key chain|vrf definition|ip vrf|control-plane|banner|archive|redundancy|snmp-server view|tacacs server|radius server|object-group|zone-pair|parameter-map)\b.*/,
  ],
  critical: [
    /^\s*(username|enable (secret|password)|aaa |tacacs|radius|privilege )/,
    /^\s*snmp-server /,
    /^\s*(ip |ipv6 )?access-list|^\s*(permit|deny) |access-class|ip access-group|object-group/,
    /^line (vty|con|aux)|^\s*(transport input|login|password|exec-timeout)/,
    /^\s*ip (ssh|http|scp|domain|name-server)|^\s*ip http|^\s*ssh /,
    /^\s*crypto |^\s*key(-string| chain)|pre-shared-key/,
    /^\s*logging (host|server|\d+\.|trap|source)|^\s*ntp (server|peer|authenticat|trusted-key|source)/,
    /authentication|message-digest-key|neighbor \S+ password/,
    /^\s*(service password-encryption|no service password-encryption|boot system|archive)/,
  ],
};
