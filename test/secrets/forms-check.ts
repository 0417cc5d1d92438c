/**
 * The checks of the table-driven secret-form tests: a line holding known secret tokens is masked
 * (constant), fingerprinted (`<secret:...>`, no token left), and changing only a secret is drift
 * that the drift result reports as "secret changed".
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { compareConfigs } from '../../src/drift/compare.js';
import type { Driver } from '../../src/drivers/types.js';
import { fingerprinter } from '../../src/secrets/fingerprint.js';

/** A config fragment (one line, or a few for blocks) and the secret tokens it holds. */
export type Form = [text: string, ...secrets: string[]];

const KEY = randomBytes(32);

export function checkForm(driver: Driver, [text, ...secrets]: Form): void {
  const label = `${driver.id}: ${JSON.stringify(text)}`;
  const config = text.endsWith('\n') ? text : text + '\n';
  const mask = fingerprinter(KEY, 'dev1');
  const constant = driver.maskSecrets(config);
  const stored = driver.maskSecrets(config, mask);
  for (const s of secrets) {
    assert.ok(!constant.includes(s), `${label}: "${s}" left by constant masking:\n${constant}`);
    assert.ok(!stored.includes(s), `${label}: "${s}" left in the fingerprinted text:\n${stored}`);
  }
  assert.match(stored, /<secret:[0-9a-f]{10}>/, `${label}: no fingerprint:\n${stored}`);
  assert.doesNotMatch(stored, /<masked>|<secret hidden>|<hidden>|<secret removed>|<configuration removed>|<removed>/, `${label}: constant mask left (alignment failed?):\n${stored}`);
  assert.equal(driver.maskSecrets(stored, mask), stored, `${label}: fingerprinting is not idempotent`);
  // Only the first secret changes: drift, reported as a changed secret on that line.
  const first = secrets[0]!;
  const other = `${first.slice(0, -1)}Zq${first.slice(-1)}`;
  const changed = driver.maskSecrets(config.split(first).join(other), mask);
  assert.ok(!changed.includes(other), `${label}: the changed secret is stored:\n${changed}`);
  assert.notEqual(changed, stored, `${label}: changing the secret changed nothing`);
  const drift = compareConfigs(stored, changed, { ignore: driver.ignore, knowledge: driver.drift });
  assert.ok(drift.drifted, `${label}: a changed secret is not drift`);
  assert.ok(drift.secretChanges?.length, `${label}: drift does not say "secret changed":\n${drift.diff}`);
  // The same text with `<masked>` in the baseline (a store from before fingerprints) is no drift.
  assert.equal(compareConfigs(constant, stored, { ignore: driver.ignore, knowledge: driver.drift }).drifted, false, `${label}: migration from constant masks is drift`);
}
