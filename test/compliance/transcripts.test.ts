/**
 * The built-in pack over every shared real-device transcript (and the drivers' own fixtures):
 * parsed and masked as a pull stores them, then evaluated. The verdicts are compared with the
 * reviewed expectation file transcript-verdicts.json: any change is a failure someone must look
 * at. After reviewing a deliberate change: DRIFTWATCH_UPDATE_VERDICTS=1 node test/run.mjs compliance/transcripts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateRules } from '../../src/compliance/engine.js';
import { loadPacks } from '../../src/compliance/pack-load.js';
import { conformanceCases } from '../helpers/conformance-cases.js';
import { replayOutputs } from '../helpers/replay.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';
import { loadTranscript } from '../../src/sim/transcript.js';

const EXPECTED = fileURLToPath(new URL('./transcript-verdicts.json', import.meta.url));
type Expectations = Record<string, { platform: string; verdicts: Record<string, string> }>;

test('cisa-2024-12 over the shared transcripts matches the reviewed verdicts', { skip: skipWithoutTranscripts }, () => {
  const rules = loadPacks().find((p) => p.name === 'cisa-2024-12')!.rules;
  const actual: Expectations = {};
  const totals: Record<string, number> = {};
  for (const c of conformanceCases().cases) {
    const parsed = c.driver.parse(replayOutputs(loadTranscript(c.path), c.driver.session, c.driver.commands));
    const config = c.driver.maskSecrets(parsed.config);
    const results = evaluateRules(rules, { platform: c.driver.id, config, facts: parsed.facts as Record<string, unknown> });
    const verdicts: Record<string, string> = {};
    for (const r of results) {
      totals[r.verdict] = (totals[r.verdict] ?? 0) + 1;
      if (r.verdict !== 'N/A') verdicts[r.rule] = r.verdict;
    }
    actual[c.name] = { platform: c.driver.id, verdicts };
  }
  console.log(`verdicts over ${Object.keys(actual).length} transcripts: ${JSON.stringify(totals)}`);
  if (process.env.DRIFTWATCH_UPDATE_VERDICTS === '1' || !existsSync(EXPECTED)) {
    writeFileSync(EXPECTED, JSON.stringify(actual, null, 1) + '\n');
    if (process.env.DRIFTWATCH_UPDATE_VERDICTS !== '1') assert.fail(`wrote ${EXPECTED}: review it and commit it`);
    return;
  }
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expectations;
  assert.deepEqual(actual, expected, 'verdicts changed: review the difference, then DRIFTWATCH_UPDATE_VERDICTS=1');
});
