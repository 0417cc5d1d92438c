import { evaluateRules } from './src/compliance/engine.js';
import { loadPacks } from './src/compliance/pack-load.js';
import { conformanceCases } from './test/helpers/conformance-cases.js';
import { replayOutputs } from './test/helpers/replay.js';
import { loadTranscript } from './src/sim/transcript.js';
const rules = loadPacks()[0]!.rules;
const only = process.argv[2];
for (const c of conformanceCases().cases) {
  if (only && !c.name.includes(only)) continue;
  const parsed = c.driver.parse(replayOutputs(loadTranscript(c.path), c.driver.session, c.driver.commands));
  const config = c.driver.maskSecrets(parsed.config);
  const res = evaluateRules(rules, { platform: c.driver.id, config, facts: parsed.facts as any });
  const bad = res.filter((r) => r.verdict === 'FAIL' || r.verdict === 'WARN');
  console.log(`== ${c.name} (${c.driver.id}) ${config.split('\n').length} lines`);
  for (const r of bad) console.log(`  ${r.verdict} ${r.rule} ${r.notes.join(';')} :: ${r.lines.slice(0, 2).map((l) => l.text.slice(0, 70)).join(' | ')}`);
}
