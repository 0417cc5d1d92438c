/**
 * The checks of test/drivers/conformance.test.ts for one transcript, given the raw outputs (for
 * paged transcripts: outputs from `replayOutputs`, which follows the recorded pager answers).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PullError } from '../../src/core/errors.js';
import { normalizeTerminalText } from '../../src/drivers/common/text.js';
import type { Driver } from '../../src/drivers/types.js';
import { assertLinesInOrder } from './lines-in-order.js';
import { transcriptPath } from './transcripts.js';

/** `file` is a shared transcript name or an absolute path (a driver's own fixtures). */
function sibling(file: string, kind: string): string | undefined {
  const sim = isAbsolute(file) ? file : transcriptPath(file);
  const path = sim.replace(/simulation\.yaml$/, kind);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function checkConformance(driver: Driver, file: string, outputs: Record<string, string>): string {
  const label = `${driver.id} ${basename(file)}`;
  const { config } = driver.parse(outputs);
  const stored = driver.maskSecrets(config);
  assert.doesNotMatch(stored, /\r|\x1b|--More--|\x08/, `${label}: CR, escape, pager or backspace left`);
  const lines = stored.split('\n');
  for (const cmd of driver.commands) assert.notEqual(lines[0]?.trim(), cmd, `${label}: command echo left`);
  assert.ok(
    !lines.some((l) => l.length > 0 && driver.session.prompt.test(l) && !/^[\s!#}]/.test(l) && /[#>$%]\s?$/.test(l) && l.length < 40 && !l.includes(' ')),
    `${label}: prompt line left`,
  );
  assert.equal(driver.maskSecrets(stored), stored, `${label}: masking is not idempotent`);

  const recorded = sibling(file, 'output.txt');
  if (recorded !== undefined) {
    const raw = new Set(driver.commands.flatMap((cmd) => normalizeTerminalText(outputs[cmd] ?? '').split('\n').map((l) => l.trimEnd())));
    const mustKeep = recorded
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => /[A-Za-z0-9]/.test(l) && raw.has(l) && !driver.volatile.some((v) => v.test(l)) && driver.maskSecrets(l) === l);
    assertLinesInOrder(mustKeep, stored, label);
  }
  const secret = sibling(file, 'secret.yaml');
  if (secret) {
    const spec = (parseYaml(secret) ?? {}) as { pass?: string[]; fail?: string[] };
    for (const p of spec.fail ?? []) assert.doesNotMatch(stored, new RegExp(p, 'm'), `${label}: secret /${p}/ stored`);
    for (const p of spec.pass ?? []) assert.match(stored, new RegExp(p, 'm'), `${label}: /${p}/ missing after masking`);
  }
  const significant = sibling(file, 'significant_changes.yaml');
  if (significant) {
    const spec = (parseYaml(significant) ?? {}) as { pass?: string[]; fail?: string[] };
    const counted = lines.filter((l) => !driver.ignore.some((r) => r.test(l)));
    for (const p of spec.pass ?? []) assert.ok(counted.some((l) => l.includes(p)), `${label}: significant line "${p}" not kept or ignored`);
    for (const p of spec.fail ?? []) assert.ok(!counted.some((l) => l.includes(p)), `${label}: volatile "${p}" would count as drift`);
  }
  const configCommand = driver.commands.reduce((a, b) => ((outputs[b]?.length ?? 0) > (outputs[a]?.length ?? 0) ? b : a));
  const full = outputs[configCommand] ?? '';
  const cut = { ...outputs, [configCommand]: full.slice(0, Math.floor(full.length / 2)) };
  assert.throws(() => driver.parse(cut), (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output', `${label}: half config accepted`);
  return stored;
}
