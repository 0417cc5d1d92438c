/**
 * What a change means on FortiOS. Hunks are labelled by indentation (`config system admin >
 * edit "ops"`); in VDOM configs the blocks inside `edit <vdom>` are not indented, so critical
 * patterns also match the changed `set` lines on their own.
 */
import type { DriftKnowledge } from '../types.js';

export const FORTIOS_DRIFT: DriftKnowledge = {
  sectionStart: [/^\s*config \S.*$/, /^\s*edit \S.*$/],
  critical: [
    // Administrators, access profiles, remote auth servers, local users.
    /config system (admin|accprofile|api-user|password-policy)|config user (local|group|radius|tacacs\+|ldap|saml|setting|peer)/,
    /config system snmp|\bset (auth-pwd|priv-pwd|security-level|notify-hosts)\b/,
    // Firewall policy and the objects it uses.
    /config firewall (policy|policy6|proxy-policy|local-in-policy|local-in-policy6|central-snat-map|vip|address|addrgrp|service)|\bset (action|srcaddr|dstaddr|srcintf|dstintf|service|schedule|nat) /,
    // Management access: interface allowaccess, trusted hosts, admin ports, HA, central management.
    /\bset (allowaccess|trusthost\d+|ip6-trusthost\d+|admin-(port|sport|ssh-port|https-redirect|telnet)|admin-restrict-local)\b|config system (ha|central-management|interface)\b/,
    // Crypto: VPN, certificates, keys, SSH keys of admins.
    /config vpn |config system certificate|\bset (psksecret|private-key|certificate|ssh-public-key\d)\b|\bENC\b/,
    // Logging and time.
    /config log |config system (ntp|syslogd|fortianalyzer|dns)\b/,
    // Routing-protocol authentication.
    /\bset (md5-key|md5-keys|auth-keychain|auth-type|authentication-key|key-string|password)\b/,
  ],
};
