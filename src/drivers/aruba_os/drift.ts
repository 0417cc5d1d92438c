/** What a change means on ArubaOS controllers. */
import type { DriftKnowledge } from '../types.js';

export const ARUBA_OS_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(interface|vlan|aaa |wlan |ap |rf |ids |ip access-list|netdestination|netservice|user-role|crypto|vrrp|conductor-redundancy|master-redundancy|vpn-dialer|mgmt-server|firewall|ntp|logging|snmp-server view|time-range|router|ip dhcp pool|lc-cluster|ha-group)\b.*/,
  ],
  critical: [
    /^\s*(mgmt-user|aaa |user-role|enable secret|mgmt-auth|radius|tacacs|authentication-server|server-group|key )/,
    /^\s*snmp-server /,
    /^\s*(ip access-list|netdestination|netservice|firewall|any any|user \S+ |alias |host \S+ )/,
    /^\s*(ssh |web-server|telnet|mgmt-server|console|ip ssh|control-plane-security|ap-console-password)/,
    /^\s*(crypto|ike |ipsec|pre-shared-key|peer-ip-address|masterip|localip|cpsec|wpa-passphrase|wpa-hexkey)/,
    /^\s*(logging|ntp |clock )/,
    /authentication|message-digest|password/,
  ],
};
