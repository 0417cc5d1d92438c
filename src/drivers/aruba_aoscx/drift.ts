/** What a change means on AOS-CX: which lines open a section, and which are security-relevant. */
import type { DriftKnowledge } from '../types.js';

export const AOSCX_DRIFT: DriftKnowledge = {
  // Top-level lines that own indented children.
  sectionStart: [
    /^(interface|vlan|router|vrf|access-list|class|policy|aaa group|radius-server|tacacs-server|user-group|snmp-server community|snmpv3|vsx|vsf|port-access|mirror|ip dhcp|dhcp-server|banner|aruba-central|ntp|ssh|https-server|crypto|lag|qos|object-group|ip prefix-list|route-map|bgp|ospf|ipv6 access-list|mac access-list)\b.*/,
  ],
  critical: [
    /^\s*(user |user-group|aaa |tacacs-server|radius-server|radius dyn-authorization|port-access)/,
    /^\s*(snmp-server |snmpv3 )/,
    /^\s*(access-list|ipv6 access-list|mac access-list|apply access-list|object-group)|^\s*\d+ (permit|deny) /,
    /^\s*(ssh |https-server|http-server|telnet-server|rest |web-management|console |session-timeout|banner )/,
    /^\s*crypto |^\s*certificate|^\s*ssh (server|key|known-host|public-key)/,
    /^\s*logging |^\s*ntp (server|authentication|trusted-key|enable)/,
    /authentication|message-digest-key|\bpassword\b|ciphertext|plaintext/,
  ],
};
