/** What a change means on NX-OS: IOS's sections and critical lines plus NX-OS's own. */
import { IOS_DRIFT } from '../cisco_ios/drift.js';
import type { DriftKnowledge } from '../types.js';

export const NXOS_DRIFT: DriftKnowledge = {
  sectionStart: [
    ...IOS_DRIFT.sectionStart,
    /^(vrf context|vpc domain|role name|mac access-list|port-profile|feature-set|copp profile|ip prefix-list|hardware access-list|spanning-tree mst configuration|nv overlay|evpn)\b.*/,
  ],
  critical: [
    ...IOS_DRIFT.critical,
    /^\s*role name|^\s*rule \d+ (permit|deny)/,
    /^\s*(no )?feature (telnet|ssh|tacacs\+|ldap|nxapi|bash-shell|scp-server|sftp-server|privilege)\b/,
    /^\s*(logging server|copp profile|ldap-server|password strength-check|hardware access-list)/,
  ],
};
