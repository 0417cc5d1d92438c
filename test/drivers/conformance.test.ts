/**
 * Every shared transcript whose platform has a driver, parsed as pure code: config lines kept in
 * order, no terminal artifacts, secret.yaml / prompt.yaml / significant_changes.yaml hold, and a
 * config cut in half is refused. A new transcript of a supported platform is a new case, no code.
 * (test/collect/conformance-ssh.test.ts replays the same transcripts over real SSH.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { getDriver, resolvePlatform } from '../../src/drivers/registry.js';
import type { Driver } from '../../src/drivers/types.js';
import { answerFor, loadTranscript, type Transcript } from '../../src/sim/transcript.js';
import { normalizeTerminalText } from '../../src/drivers/common/text.js';
import { PullError } from '../../src/core/errors.js';
import { assertLinesInOrder } from '../helpers/lines-in-order.js';
import { TRANSCRIPTS_DIR, skipWithoutTranscripts, transcriptPath } from '../helpers/transcripts.js';

export interface Case {
  file: string;
  driver: Driver;
  transcript: Transcript;
}

/** Transcripts (default-setting `simulation.yaml`, not `custom_*`) whose model resolves to a driver. */
export function conformanceCases(): { cases: Case[]; unsupported: string[] } {
  if (skipWithoutTranscripts) return { cases: [], unsupported: [] };
  const cases: Case[] = [];
  const unsupported: string[] = [];
  for (const file of readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('#simulation.yaml')).sort()) {
    const platform = resolvePlatform(file.split('#')[0]!);
    if (!platform) unsupported.push(file);
    else cases.push({ file, driver: getDriver(platform), transcript: loadTranscript(transcriptPath(file)) });
  }
  return { cases, unsupported };
}

function outputsFor(c: Case): Record<string, string> {
  return Object.fromEntries(c.driver.commands.map((cmd) => [cmd, answerFor(c.transcript, cmd) ?? '']));
}

function sibling(file: string, kind: string): string | undefined {
  const path = transcriptPath(file.replace(/simulation\.yaml$/, kind));
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const { cases, unsupported } = conformanceCases();
const table = new Map<string, { transcripts: number; pass: number }>();

for (const c of cases) {
  test(`conformance ${c.driver.id}: ${c.file}`, { skip: skipWithoutTranscripts }, () => {
    const row = table.get(c.driver.id) ?? { transcripts: 0, pass: 0 };
    row.transcripts++;
    table.set(c.driver.id, row);
    const outputs = outputsFor(c);
    const { config } = c.driver.parse(outputs);
    const stored = c.driver.maskSecrets(config);
    const label = `${c.driver.id} ${c.file}`;

    // No terminal artifacts.
    assert.doesNotMatch(stored, /\r|\x1b|--More--|\x08/, `${label}: CR, escape, pager or backspace left`);
    const lines = stored.split('\n');
    for (const cmd of c.driver.commands) assert.notEqual(lines[0]?.trim(), cmd, `${label}: command echo left`);
    assert.ok(!lines.some((l) => l.length > 0 && c.driver.session.prompt.test(l) && !/^[\s!#}]/.test(l) && /[#>$%]\s?$/.test(l) && l.length < 40 && !l.includes(' ')), `${label}: prompt line left`);
    assert.equal(c.driver.maskSecrets(stored), stored, `${label}: masking is not idempotent`);

    // Recorded config lines kept, in order: lines of output.txt that the device really sent
    // in its config output (Oxidized's own header comments are not in it), minus volatile ones.
    const recorded = sibling(c.file, 'output.txt');
    if (recorded !== undefined) {
      const raw = new Set(
        c.driver.commands.flatMap((cmd) => normalizeTerminalText(outputs[cmd] ?? '').split('\n').map((l) => l.trimEnd())),
      );
      // Lines without a letter or digit ("!", "}", "#") carry no config and repeat everywhere.
      const mustKeep = recorded
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => /[A-Za-z0-9]/.test(l) && raw.has(l) && !c.driver.volatile.some((v) => v.test(l)) && !isMaskedBy(c.driver, l));
      assertLinesInOrder(mustKeep, stored, label);
    }

    const secret = sibling(c.file, 'secret.yaml');
    if (secret) {
      const spec = (parseYaml(secret) ?? {}) as { pass?: string[]; fail?: string[] };
      for (const p of spec.fail ?? []) assert.doesNotMatch(stored, new RegExp(p, 'm'), `${label}: secret /${p}/ stored`);
      for (const p of spec.pass ?? []) assert.match(stored, new RegExp(p, 'm'), `${label}: /${p}/ missing after masking`);
    }

    const significant = sibling(c.file, 'significant_changes.yaml');
    if (significant) {
      const spec = (parseYaml(significant) ?? {}) as { pass?: string[]; fail?: string[] };
      const counted = lines.filter((l) => !c.driver.ignore.some((r) => r.test(l)));
      for (const p of spec.pass ?? []) assert.ok(counted.some((l) => l.includes(p)), `${label}: significant line "${p}" not kept or ignored`);
      for (const p of spec.fail ?? []) assert.ok(!counted.some((l) => l.includes(p)), `${label}: volatile "${p}" would count as drift`);
    }

    // A config cut in half is refused.
    const configCommand = c.driver.commands.reduce((a, b) => ((outputs[b]?.length ?? 0) > (outputs[a]?.length ?? 0) ? b : a));
    const full = outputs[configCommand] ?? '';
    const cut = { ...outputs, [configCommand]: full.slice(0, Math.floor(full.length / 2)) };
    assert.throws(() => c.driver.parse(cut), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output', `${label}: half config accepted`);
    row.pass++;
  });
}

/** A recorded line that our masking changes is compared by prefix (the secret differs by design). */
function isMaskedBy(driver: Driver, line: string): boolean {
  return driver.maskSecrets(line) !== line;
}

for (const model of new Set(readdirSync(skipWithoutTranscripts ? '.' : TRANSCRIPTS_DIR).filter((f) => f.endsWith('#prompt.yaml')))) {
  const platform = resolvePlatform(model.split('#')[0]!);
  if (!platform) continue;
  test(`prompt ${platform}: ${model}`, { skip: skipWithoutTranscripts }, () => {
    const driver = getDriver(platform);
    const spec = parseYaml(readFileSync(transcriptPath(model), 'utf8')) as { pass?: string[]; fail?: string[]; pass_with_expect?: unknown };
    for (const p of spec.pass ?? []) assert.match(p, driver.session.prompt, `${platform}: prompt ${JSON.stringify(p)}`);
    for (const p of spec.fail ?? []) assert.doesNotMatch(p, driver.session.prompt, `${platform}: not a prompt ${JSON.stringify(p)}`);
  });
}

test('conformance table', { skip: skipWithoutTranscripts }, () => {
  const rows = [...table.entries()].sort();
  console.log('\nplatform              transcripts  pass');
  for (const [id, r] of rows) console.log(`${id.padEnd(22)}${String(r.transcripts).padStart(11)}${String(r.pass).padStart(6)}`);
  console.log(`(${unsupported.length} transcripts of platforms without a driver)`);
  assert.ok(rows.length > 0);
});
