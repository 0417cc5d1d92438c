/** What a change means on a Linux host: the header of each collected item opens a section. */
import type { DriftKnowledge } from '../types.js';

export const LINUX_DRIFT: DriftKnowledge = {
  sectionStart: [/^### (file|command): .*/],
  critical: [
    // users, groups, sudo, PAM and SSH access
    /^### (file|command): .*(passwd|shadow|group|sudoers|pam\.d|authorized_keys|sshd?_config|login\.defs|security\/)/,
    /^\s*(PermitRootLogin|PasswordAuthentication|PubkeyAuthentication|AuthorizedKeysFile|AllowUsers|AllowGroups|DenyUsers|Port|ListenAddress|KbdInteractiveAuthentication|ChallengeResponseAuthentication|UsePAM)\b/i,
    /^[^:#\s]+:[^:]*:0:/, // a uid/gid 0 entry in passwd/group
    // firewall
    /^### (file|command): .*(iptables|ip6tables|nft|ufw|firewalld)/,
    /^-A |^\s*(chain|rule|table) /,
    // SNMP, logging, time
    /^### (file|command): .*(snmpd\.conf|rsyslog|syslog-ng|journald|chrony|ntp)/,
    /^\s*(rocommunity|rwcommunity|com2sec|createUser|server|pool)\s/,
    // crypto material
    /PRIVATE KEY|^### (file|command): .*(\.key|\.pem|ssl|tls)/,
  ],
};
