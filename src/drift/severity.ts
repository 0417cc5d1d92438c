/** Which changes are security-relevant. Driver data first; a generic list for drivers without it. */
import type { DriftKnowledge } from '../drivers/types.js';

export type { DriftSeverity } from '../core/severity.js';
import type { DriftSeverity } from '../core/severity.js';

export const GENERIC_CRITICAL: readonly RegExp[] = [
  /\b(user(name)?|passw(or)?d|secret|aaa|radius|tacacs|privilege|admin)\b/i,
  /\bsnmp/i,
  /\b(access-list|acl|firewall|policy|security-polic|filter|permit|deny)\b/i,
  /\b(ssh|telnet|https?|web-?ui|management|vty|console)\b/i,
  /\b(crypto|key|ike|ipsec|certificate|pki|psk)\b/i,
  /\b(logging|syslog|ntp)\b/i,
  /\bauthentication\b/i,
];

export function severityOf(changedLines: readonly string[], sections: readonly string[], knowledge?: DriftKnowledge): DriftSeverity {
  const patterns = knowledge?.critical.length ? knowledge.critical : GENERIC_CRITICAL;
  const hit = (text: string) => patterns.some((p) => p.test(text));
  return changedLines.some(hit) || sections.some(hit) ? 'critical' : 'warning';
}
