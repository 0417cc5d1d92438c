/** What a change means on TNSR: top-level blocks (closed by `exit`) and security-relevant ones. */
import type { DriftKnowledge } from '../types.js';

export const TNSR_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(interface|host interface|nat|acl|nacm|auth user|route|bgp|ospf|rip|router|ipsec|wireguard|snmp|unbound|dhcp4|restconf|system|dataplane|vpf|gre|vxlan|lldp|ntp|logging|prometheus|pki|http|ssh)\b.*/,
  ],
  critical: [
    /^\s*(nacm|auth user|user |password|group |member |rule )/,
    /^\s*snmp /,
    /^\s*(acl|nat|vpf)\b|^\s*(rule \d+|action (permit|deny|drop|reflect)|access-list)/,
    /^\s*(restconf|ssh|http|host interface|management|authentication-type)/,
    /^\s*(ipsec|ike|psk|pki|certificate|private-key|wireguard|crypto)/,
    /^\s*(logging|syslog|ntp|server)\b/,
    /password|authentication|md5|key-chain|message-digest/,
  ],
};
