/**
 * What a change means on RouterOS. Export lines are not indented, so a changed `add ...` line
 * is judged by itself: the critical patterns look at menu paths (when a hunk starts at one) and
 * at the arguments that only appear in security-relevant menus.
 */
import type { DriftKnowledge } from '../types.js';

export const ROUTEROS_DRIFT: DriftKnowledge = {
  sectionStart: [/^\/[\w -]+$/],
  critical: [
    // Users and remote authentication.
    /^\/(user|user group|user aaa|user settings|radius|ppp secret|ppp aaa)\b|\bgroup=(full|write)\b|\bpolicy=/,
    /^\/snmp\b|\b(trap-community|authentication-password|encryption-password)=/,
    // Firewall: filter/nat/mangle/raw rules and address lists.
    /^\/(ip|ipv6) firewall\b|\bchain=|\baction=(accept|drop|reject|dst-nat|src-nat|masquerade|fasttrack-connection)\b/,
    // Management access: services, SSH, MAC server/winbox, neighbor discovery, API.
    /^\/(ip service|ip ssh|tool mac-server|ip neighbor discovery-settings|ip cloud|ip socks|ip proxy)\b/,
    // Crypto and keys.
    /^\/(ip ipsec|interface wireguard|certificate|interface wireless security-profiles|interface wifi security)\b|\b(secret|private-key|pre-shared-key|passphrase|password)=/,
    // Logging and time.
    /^\/(system logging|system ntp|system clock|system identity)\b/,
    // Routing-protocol authentication.
    /\b(auth|auth-key|authentication|tcp-md5-key)=/,
  ],
};
