/** Audit reports (pure): JSON lines, Markdown and plain text from per-device results. */
import type { RuleResult } from '../types.js';

export interface DeviceReport {
  device: string;
  platform: string;
  /** Snapshot path in the store (SARIF locations). */
  path: string;
  score: number;
  results: RuleResult[];
  /** Why the device was not evaluated (never pulled). */
  missing?: string;
}

/** One JSON object per device, one per line (the `audit --json` contract). */
export function renderJsonLines(reports: readonly DeviceReport[]): string {
  return reports
    .map((r) =>
      JSON.stringify({
        device: r.device,
        platform: r.platform,
        score: r.missing ? null : r.score,
        ...(r.missing ? { error: r.missing } : {}),
        results: r.results.map((x) => ({
          rule: x.rule,
          verdict: x.verdict,
          severity: x.severity,
          lines: x.lines.map((l) => l.text),
          line_numbers: x.lines.map((l) => l.line),
          title: x.title,
          ...(x.notes.length ? { notes: x.notes } : {}),
          ...(x.decide ? { decide: x.decide } : {}),
          ...(x.waiver ? { waiver: x.waiver } : {}),
        })),
      }) + '\n',
    )
    .join('');
}

export function counts(results: readonly RuleResult[]): Record<string, number> {
  const c: Record<string, number> = { PASS: 0, FAIL: 0, WARN: 0, UNKNOWN: 0, 'N/A': 0, waived: 0 };
  for (const r of results) {
    if (r.waiver) c.waived!++;
    else c[r.verdict]!++;
  }
  return c;
}

const md = (s: string) => s.replace(/[|\\`*_<>[\]]/g, (ch) => `\\${ch}`).replace(/\n/g, ' ');

export function renderMarkdown(reports: readonly DeviceReport[]): string {
  const out = ['# driftwatch hardening audit', '', '| device | score | FAIL | WARN | UNKNOWN | waived |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of reports) {
    const c = counts(r.results);
    out.push(`| ${md(r.device)} | ${r.missing ? '-' : r.score} | ${c.FAIL} | ${c.WARN} | ${c.UNKNOWN} | ${c.waived} |`);
  }
  for (const r of reports) {
    out.push('', `## ${md(r.device)} (${md(r.platform)}): ${r.missing ? md(r.missing) : `score ${r.score}`}`, '');
    const shown = r.results.filter((x) => x.waiver || x.verdict === 'FAIL' || x.verdict === 'WARN' || x.verdict === 'UNKNOWN');
    if (!shown.length) {
      out.push(r.missing ? '' : 'Every applicable rule passes.');
      continue;
    }
    out.push('| verdict | severity | rule | evidence |', '| --- | --- | --- | --- |');
    for (const x of shown) {
      const verdict = x.waiver ? `waived (${x.verdict})` : x.verdict;
      const evidence = [
        ...x.lines.slice(0, 5).map((l) => `\`${l.text.replace(/`/g, "'")}\`${l.line ? ` (line ${l.line})` : ''}`),
        ...x.notes.map(md),
        ...(x.decide ? [`decide: ${md(x.decide)}`] : []),
        ...(x.waiver ? [`waiver (${md(x.waiver.scope)}, until ${x.waiver.expires}): ${md(x.waiver.reason)}`] : []),
      ].join('<br>');
      out.push(`| ${verdict} | ${x.severity} | ${md(x.rule)}: ${md(x.title)} | ${evidence} |`);
    }
  }
  return out.join('\n') + '\n';
}

export function renderText(reports: readonly DeviceReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    if (r.missing) {
      out.push(`${r.device.padEnd(24)} -    ${r.missing}`);
      continue;
    }
    const c = counts(r.results);
    out.push(`${r.device.padEnd(24)} ${String(r.score).padStart(3)}  fail ${c.FAIL}  warn ${c.WARN}  unknown ${c.UNKNOWN}  waived ${c.waived}`);
    for (const x of r.results.filter((y) => y.verdict === 'FAIL' || y.waiver)) {
      out.push(`  ${x.waiver ? 'WAIVED' : 'FAIL  '} ${x.rule} (${x.severity})${x.waiver ? `: ${x.waiver.reason} (until ${x.waiver.expires})` : ''}`);
      for (const l of x.lines.slice(0, 3)) out.push(`         ${l.line ? `${l.line}: ` : ''}${l.text}`);
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
