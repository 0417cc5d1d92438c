/**
 * Alerts for compliance transitions (pure apart from the id). A regression alerts even when the
 * change itself was authorized by a window or a ticket: an approved change can still re-enable
 * telnet. One alert per device and cycle lists every regressed rule; its severity is the worst.
 */
import { alertId } from '../notify/alert-id.js';
import type { AlertKind } from '../notify/types.js';
import type { Device } from '../config/schema.js';
import { SEVERITY_RANK, type Severity } from '../core/severity.js';
import type { Alert } from '../notify/types.js';
import type { Rule, RuleResult } from './types.js';

const MAX_LINES_PER_RULE = 10;

function ruleBlock(r: RuleResult, rule: Rule | undefined): string {
  const lines = r.lines.slice(0, MAX_LINES_PER_RULE).map((l) => (l.line ? `  ${l.line}: ${l.text}` : `  ${l.text}`));
  if (r.lines.length > MAX_LINES_PER_RULE) lines.push(`  ... ${r.lines.length - MAX_LINES_PER_RULE} more`);
  return [
    `[${r.severity}] ${r.rule}: ${r.title}${rule ? ` (guidance ${rule.guidance.join(', ')})` : ''}`,
    ...(rule ? [`  why: ${rule.rationale}`] : []),
    ...r.notes.map((n) => `  ${n}`),
    ...lines,
  ].join('\n');
}

function worstSeverity(rs: readonly RuleResult[]): Severity {
  return rs.reduce<Severity>((a, r) => (SEVERITY_RANK[r.severity] > SEVERITY_RANK[a] ? r.severity : a), 'info');
}

/** The id names the rules and the snapshot (commit), so the same transition re-decided has the same id. */
function base(device: Device, now: Date, kind: AlertKind, rules: readonly RuleResult[], commit?: string) {
  return {
    id: alertId(kind, device.name, rules.map((r) => r.rule).join(','), commit ?? now.toISOString()),
    device: { name: device.name, host: device.host, platform: device.platform, group: device.group, tags: device.tags },
    detectedAt: now.toISOString(),
  };
}

/** `rules`: the loaded rules by id (for rationale and guidance). */
export function complianceRegressionAlert(device: Device, regressions: readonly RuleResult[], rules: ReadonlyMap<string, Rule>, now: Date, commit?: string): Alert {
  const names = regressions.map((r) => r.rule);
  return {
    ...base(device, now, 'compliance-regression', regressions, commit),
    kind: 'compliance-regression',
    severity: worstSeverity(regressions),
    summary: `hardening rule${regressions.length === 1 ? ` now fails: ${regressions[0]!.title}` : `s now fail: ${regressions.length}`} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''})`,
    sections: names,
    detail: regressions.map((r) => ruleBlock(r, rules.get(r.rule))).join('\n\n'),
    ...(commit ? { commit } : {}),
  };
}

export function complianceFixedNotice(device: Device, fixes: readonly RuleResult[], now: Date, commit?: string): Alert {
  return {
    ...base(device, now, 'compliance-fixed', fixes, commit),
    kind: 'compliance-fixed',
    severity: 'info',
    summary: `hardening fixed: ${fixes.map((r) => r.rule).join(', ')} pass again`,
    sections: fixes.map((r) => r.rule),
    detail: fixes.map((r) => `${r.rule}: ${r.title}`).join('\n'),
    ...(commit ? { commit } : {}),
  };
}
