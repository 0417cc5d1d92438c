/** The labelled facts of an alert, in reading order (shared by the email text, HTML and Slack). Pure. */
import { attributionText, typedCommandsText } from './attribution.js';
import type { Alert } from './types.js';

export function statsText(alert: Alert): string | undefined {
  return alert.stats ? `+${alert.stats.added} -${alert.stats.removed}` : undefined;
}

/** [label, value] pairs with a value; values are raw (each format escapes them its own way). */
export function alertFields(alert: Alert): Array<[string, string]> {
  const d = alert.device;
  const fields: Array<[string, string | undefined]> = [
    ['Device', d.name],
    ['Severity', alert.severity],
    ['Host', d.host],
    ['Platform', d.platform],
    ['Group', d.group],
    ['Tags', d.tags.length ? d.tags.join(', ') : undefined],
    ['Changes', statsText(alert)],
    ['Changed by', attributionText(alert.attribution)],
    ['Commands typed', typedCommandsText(alert.attribution)],
    ['Kind', alert.kind],
    ['Detected', alert.detectedAt],
    ['Commit', alert.commit],
    ['Baseline', alert.baselineCommit],
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
}

/** `alert.link` when it is an http(s) URL (anything else is dropped: no javascript:, data:, file:). */
export function safeLink(alert: Alert): string | undefined {
  if (!alert.link || !URL.canParse(alert.link)) return undefined;
  const url = new URL(alert.link);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
}
