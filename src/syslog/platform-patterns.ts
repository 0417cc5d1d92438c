/**
 * The per-driver hook: config-change messages of platforms without a built-in recogniser, as
 * named-group patterns (`user`, `source`, `line`, `via`, `command`). Used only for messages from a
 * device of that platform. Add a platform = add an entry (texts marked unverified are leads from
 * public sources, not captured traffic).
 */
import type { ChangePattern } from './change-event.js';

export const PLATFORM_CHANGE_PATTERNS: Readonly<Record<string, readonly ChangePattern[]>> = {
  // H3C/HPE Comware: `SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=10.0.0.9-User=admin; Command is vlan 10` (unverified).
  hp_comware: [
    {
      code: 'SHELL_CMD',
      kind: 'command',
      pattern: /SHELL\/\d\/SHELL_CMD: -Line=(?<line>[^-\s]{1,32})-IPAddr=(?<source>[^-\s]{1,64})-User=(?<user>[^;\s]{1,128}); Command is (?<command>.{1,1000})/,
    },
  ],
  // RouterOS topics `system,info`: `address added by admin`, `route changed by admin` (unverified).
  mikrotik_routeros: [{ code: 'routeros:changed', kind: 'command', pattern: /(?<command>[\w /-]{1,200}) (?:added|changed|removed) by (?<user>[\w@.-]{1,128})/ }],
  // VyOS commit hook messages (unverified).
  vyos: [{ code: 'vyos:commit', kind: 'committed', pattern: /\bcommit(?:ted)?\b.{0,100}?\bby (?:user )?(?<user>[\w@.-]{1,128})/ }],
  // Aruba AOS-CX config manager event (unverified).
  aruba_aoscx: [{ code: 'aoscx:config', kind: 'configured', pattern: /\bConfiguration (?:changed|saved) by (?:user )?(?<user>[\w@.-]{1,128})/i }],
  // HP ProCurve: `mgr: ... config` lines (unverified).
  hp_procurve: [{ code: 'procurve:config', kind: 'configured', pattern: /\bmgr:\s+.{0,100}\bconfig(?:uration)? (?:changed|saved)\b/i }],
};
