/**
 * One severity scale for drift, alerts and channel filters. `warning` was called `normal` before
 * 0.2; configs and old state rows that still say `normal` are read as `warning`.
 */
export type Severity = 'critical' | 'warning' | 'info';
export type DriftSeverity = Exclude<Severity, 'info'>;

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Reads a stored or configured severity word, accepting the pre-0.2 `normal`. */
export function parseSeverity(word: string): Severity | undefined {
  if (word === 'normal') return 'warning';
  return word === 'critical' || word === 'warning' || word === 'info' ? word : undefined;
}
