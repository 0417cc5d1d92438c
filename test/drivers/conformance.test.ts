/**
 * Every transcript whose platform has a driver, parsed as pure code: the shared real-device
 * recordings, plus each driver's own fixtures/ (for platforms the shared folder lacks).
 * Checks (test/helpers/conformance-checks.ts): recorded config lines kept in order, no terminal
 * artifacts, secret.yaml / prompt.yaml / significant_changes.yaml hold, a config cut in half is
 * refused. A new transcript of a supported platform is a new case, with no code change.
 * test/collect/conformance-ssh.test.ts replays the same transcripts over real SSH.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { getDriver, resolvePlatform } from '../../src/drivers/registry.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { checkConformance } from '../helpers/conformance-checks.js';
import { conformanceCases, promptFiles } from '../helpers/conformance-cases.js';
import { replayOutputs } from '../helpers/replay.js';
import { skipWithoutTranscripts } from '../helpers/transcripts.js';

const { cases, unsupported } = conformanceCases();
const table = new Map<string, { transcripts: number; pass: number }>();

for (const c of cases) {
  test(`conformance ${c.driver.id}: ${c.name}`, () => {
    const row = table.get(c.driver.id) ?? { transcripts: 0, pass: 0 };
    row.transcripts++;
    table.set(c.driver.id, row);
    checkConformance(c.driver, c.path, replayOutputs(loadTranscript(c.path), c.driver.session, c.driver.commands));
    row.pass++;
  });
}

for (const path of promptFiles()) {
  const platform = resolvePlatform(path.split('/').pop()!.split('#')[0]!);
  if (!platform) continue;
  test(`prompt ${platform}: ${path.split('/').pop()}`, () => {
    const driver = getDriver(platform);
    const spec = parseYaml(readFileSync(path, 'utf8')) as { pass?: string[]; fail?: string[] };
    for (const p of spec.pass ?? []) assert.match(p, driver.session.prompt, `${platform}: prompt ${JSON.stringify(p)}`);
    for (const p of spec.fail ?? []) assert.doesNotMatch(p, driver.session.prompt, `${platform}: not a prompt ${JSON.stringify(p)}`);
  });
}

test('conformance table', { skip: skipWithoutTranscripts }, () => {
  const rows = [...table.entries()].sort();
  const lines = ['platform              transcripts  pass', ...rows.map(([id, r]) => `${id.padEnd(22)}${String(r.transcripts).padStart(11)}${String(r.pass).padStart(6)}`)];
  console.log(`\n${lines.join('\n')}\n(${unsupported.length} shared transcripts of platforms without a driver)`);
  assert.ok(rows.length > 0);
});
