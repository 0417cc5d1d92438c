/**
 * What a change means on VyOS. `show configuration commands` prints one flat `set` line per
 * leaf, so every changed line carries its full path and critical patterns match on it.
 */
import type { DriftKnowledge } from '../types.js';

export const VYOS_DRIFT: DriftKnowledge = {
  // The first two path words name the subsystem (`set firewall ipv4`, `set service ssh`).
  sectionStart: [/^set \S+ \S+/],
  critical: [
    /^set system login\b|\bauthentication (encrypted|plaintext)-password\b|\bpublic-keys\b|^set system login (radius|tacacs)/,
    /^set service snmp\b/,
    /^set firewall\b|^set nat\b|^set policy\b/,
    /^set service (ssh|https|console-server)\b|^set system (option|sysctl)\b/,
    /^set (vpn|pki)\b|^set interfaces (wireguard|openvpn|vti)\b|\b(private-key|preshared-key|pre-shared-secret|secret)\b/,
    /^set system syslog\b|^set service ntp\b|^set system (ntp|time-zone)\b/,
    /^set protocols \S+ .*\b(password|authentication|md5-key|key)\b|^set high-availability .* authentication\b/,
  ],
};
