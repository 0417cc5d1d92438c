/** What a change means on an Aruba Instant cluster. */
import type { DriftKnowledge } from '../types.js';

export const ARUBA_INSTANT_DRIFT: DriftKnowledge = {
  sectionStart: [
    /^(wlan |ap-|ids|wired-port-profile|enet\d?-port-profile|uplink|l3-mobility|routing-profile|mgmt-auth-server|auth-survivability|airgroup|arm|rf |syslog-level|extended-ssid|cluster-security|iot |ip dhcp|user-role|ipsec)\b.*/,
  ],
  critical: [
    /^\s*(hash-mgmt-user|mgmt-user|hash-mgmt-password|mgmt-auth-server|user |wlan (tacacs|radius|ldap)-server|key |cppm-key|auth-server)/,
    /^\s*snmp-server /,
    /^\s*(wlan access-rule|rule |index |deny|permit|allowed-ap|allow-new-aps|blacklist)/,
    /^\s*(terminal-access|telnet-server|ssh |console|web-server|login-session|mgmt-ip|virtual-controller-(ip|key))/,
    /^\s*(ipsec|ike |cluster-security|wpa-passphrase|wpa-hexkey|opmode|cert)/,
    /^\s*(syslog-server|syslog-level|ntp-server|clock )/,
    /authentication|password|secret/,
  ],
};
