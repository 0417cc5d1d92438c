/** What a change means on FASTPATH-family switches (EFOS, NETGEAR managed switches). */
import type { DriftKnowledge } from '../types.js';

export const FASTPATH_DRIFT: DriftKnowledge = {
  sectionStart: [/^(interface|vlan database|configure|line|router|ipv6 router|class-map|policy-map|port-channel|spanning-tree mst configuration|ip access-list|mac access-list|arp access-list)\b.*/],
  critical: [
    /^\s*(username|enable (password|secret)|aaa |authentication|radius|tacacs|users? )/,
    /^\s*snmp(-server)? /,
    /^\s*(ip |ipv6 |mac )?access-list|^\s*(permit|deny) |access-group/,
    /^\s*(line |ip ssh|ip http|ip telnet|telnet|serviceport|network mgmt_vlan|management|web )/,
    /^\s*(crypto|certificate)/,
    /^\s*(logging|sntp|ntp)\b/,
    /authentication|message-digest|password|secret/,
  ],
};
