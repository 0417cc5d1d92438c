/** SARIF 2.1.0 (code-scanning tools, GitHub): one run, FAIL as error, WARN as warning, waivers as suppressions. Pure. */
import type { Rule } from '../types.js';
import type { DeviceReport } from './render.js';

export function renderSarif(reports: readonly DeviceReport[], rules: readonly Rule[], version: string): string {
  const results = reports.flatMap((r) =>
    r.results
      .filter((x) => x.verdict === 'FAIL' || x.verdict === 'WARN')
      .map((x) => ({
        ruleId: x.rule,
        level: x.verdict === 'FAIL' ? 'error' : 'warning',
        message: { text: `${r.device}: ${x.title}${x.notes.length ? ` (${x.notes.join('; ')})` : ''}` },
        locations: (x.lines.some((l) => l.line > 0) ? x.lines.filter((l) => l.line > 0) : [{ line: 1, text: '' }]).slice(0, 10).map((l) => ({
          physicalLocation: { artifactLocation: { uri: r.path }, region: { startLine: l.line } },
        })),
        properties: { device: r.device, severity: x.severity },
        ...(x.waiver ? { suppressions: [{ kind: 'external', justification: `${x.waiver.reason} (${x.waiver.scope}, until ${x.waiver.expires})` }] } : {}),
      })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'driftwatch',
            version,
            informationUri: 'https://www.cisa.gov/resources-tools/resources/enhanced-visibility-and-hardening-guidance-communications-infrastructure',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: r.rationale },
              defaultConfiguration: { level: r.severity === 'info' ? 'note' : r.severity === 'warning' ? 'warning' : 'error' },
              properties: { guidance: r.guidance },
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
