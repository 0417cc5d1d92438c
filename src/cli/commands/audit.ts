import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { snapshotPath } from '../../collect/snapshot-path.js';
import { loadComplianceContext, evaluateDevice } from '../../compliance/pipeline.js';
import { PackError } from '../../compliance/pack-load.js';
import { renderJsonLines, renderMarkdown, renderText, type DeviceReport } from '../../compliance/report/render.js';
import { renderSarif } from '../../compliance/report/sarif.js';
import { EXIT } from '../../core/exit-codes.js';
import { Archive } from '../../store/archive.js';
import { StateDb } from '../../store/state.js';
import { CliExit, loadConfigOrExit, selectDevices } from '../context.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .argument('[device...]')
    .option('--json', 'one JSON object per device per line')
    .option('--markdown', 'a Markdown report')
    .option('--sarif', 'SARIF 2.1.0 (code-scanning tools)')
    .description('hardening rules (cisa-2024-12 and your packs) over the stored configs: score, failing rules, waivers')
    .action(async (names: string[], opts: { json?: boolean; markdown?: boolean; sarif?: boolean }) => {
      if ([opts.json, opts.markdown, opts.sarif].filter(Boolean).length > 1) throw new CliExit(EXIT.usage, 'audit: choose one of --json, --markdown, --sarif');
      const cfg = loadConfigOrExit(program.opts().config, true);
      const devices = selectDevices(cfg, names);
      let ctx;
      try {
        ctx = loadComplianceContext(cfg);
      } catch (err) {
        if (err instanceof PackError) throw new CliExit(EXIT.usage, err.message);
        throw err;
      }
      const archive = await Archive.open(cfg.store);
      const state = StateDb.open(cfg.state);
      try {
        const facts = new Map(state.deviceStatus().map((r) => [r.name, r.facts]));
        const texts = await archive.readMany(devices.map((d) => ({ path: snapshotPath(d) })));
        const now = new Date();
        const reports: DeviceReport[] = devices.map((d, i) => {
          const config = texts[i];
          const base = { device: d.name, platform: d.platform, path: snapshotPath(d) };
          if (config == null) return { ...base, score: 0, results: [], missing: `no stored config yet (run driftwatch pull ${d.name})` };
          return { ...base, ...evaluateDevice(ctx, d, { config, facts: facts.get(d.name) ?? {} }, now) };
        });
        const out = opts.json ? renderJsonLines(reports) : opts.markdown ? renderMarkdown(reports) : opts.sarif ? renderSarif(reports, ctx.rules, VERSION) : renderText(reports);
        process.stdout.write(out);
      } finally {
        state.close();
      }
    });
}
