/** What a change means on IOS-XR: its block sections, and the usual security-relevant lines. */
import type { DriftKnowledge } from '../types.js';

export const XR_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(interface|router|vrf|route-policy|prefix-set|community-set|as-path-set|extcommunity-set|ipv4 access-list|ipv6 access-list|class-map|policy-map|username|usergroup|taskgroup|line|key chain|aaa|tacacs-server host|radius-server host|ntp|ssh|control-plane|mpls|l2vpn|multicast-routing|telemetry|grpc|netconf|lldp|call-home|snmp-server)\b.*/,
  ],
  critical: [
    /^\s*(username|usergroup|taskgroup|group|secret|password|aaa|tacacs|radius)\b/,
    /^\s*snmp-server\b/,
    /^\s*(ipv4|ipv6) access-list|^\s*\d+ (permit|deny)\b|access-group/,
    /^line (default|template|console)|^\s*(transport input|access-class|login authentication)/,
    /^\s*(ssh|control-plane|management-plane|xml agent|netconf|grpc|http server)\b/,
    /^\s*(key chain|key-string|pre-shared-key|authentication-key|message-digest-key|crypto)\b/,
    /^\s*(logging \d|logging (trap|source)|ntp (server|authenticat|trusted-key))/,
  ],
};
