/**
 * Proof over the real recordings: every transcript with a driver, masked both ways (constant and
 * keyed fingerprints). No `secret.yaml` fail pattern may appear in the stored text or in a drift
 * diff of it; fingerprinting must align everywhere (no constant mask left over, which would mean a
 * token could not be located); and storing twice changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compareConfigs } from '../../src/drift/compare.js';
import { fingerprinter } from '../../src/secrets/fingerprint.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { conformanceCases } from '../helpers/conformance-cases.js';
import { replayOutputs } from '../helpers/replay.js';
import { skipWithoutTranscripts, TRANSCRIPTS_DIR } from '../helpers/transcripts.js';
import { readdirSync } from 'node:fs';

const CONSTANT = /<masked>|<secret hidden>|<hidden>|<secret removed>|<configuration removed>|<removed>/g;
const { cases } = conformanceCases();
const fp = fingerprinter(Buffer.alloc(32, 9), 'proof-device');

for (const c of cases) {
  const secretFile = c.path.replace(/simulation\.yaml$/, 'secret.yaml');
  const spec = existsSync(secretFile) ? ((parseYaml(readFileSync(secretFile, 'utf8')) ?? {}) as { fail?: string[] }) : {};
  test(`secrets ${c.driver.id}: ${c.name}${spec.fail?.length ? ` (${spec.fail.length} secret.yaml patterns)` : ''}`, () => {
    const { config } = c.driver.parse(replayOutputs(loadTranscript(c.path), c.driver.session, c.driver.commands));
    const constant = c.driver.maskSecrets(config);
    const stored = c.driver.maskSecrets(config, fp);
    for (const p of spec.fail ?? []) {
      const re = new RegExp(p, 'm');
      assert.doesNotMatch(constant, re, `constant masking stored /${p}/`);
      assert.doesNotMatch(stored, re, `fingerprinting stored /${p}/`);
      assert.doesNotMatch(compareConfigs('', stored, { ignore: [] }).diff, re, `the diff shows /${p}/`);
      assert.doesNotMatch(compareConfigs(constant, stored, { ignore: [] }).diff, re, `the migration diff shows /${p}/`);
    }
    const before = config.match(CONSTANT)?.length ?? 0;
    // FortiOS `ENC` values keep the constant on purpose (re-encrypted on every show, see fortinet/index.ts).
    const left = stored.replace(/\bENC <masked>/g, '').match(CONSTANT)?.length ?? 0;
    assert.equal(left, before, 'a constant mask is left: the fingerprint alignment failed');
    assert.equal(c.driver.maskSecrets(stored, fp), stored, 'fingerprinting is not idempotent');
    assert.equal(compareConfigs(constant, stored, { ignore: c.driver.ignore }).drifted, false, 'migration from constant masks is drift');
  });
}

test('every secret.yaml in the shared folder belongs to a transcript that one of the cases above covers, or is listed here', { skip: skipWithoutTranscripts }, () => {
  const covered = new Set(cases.map((c) => c.path.replace(/simulation\.yaml$/, 'secret.yaml')));
  const orphan = readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('#secret.yaml') && !covered.has(`${TRANSCRIPTS_DIR}/${f}`));
  // Platforms driftwatch has no driver for (no config is ever stored for them).
  const NO_DRIVER = ['eatonnetwork', 'tplink', 'vsololt'];
  assert.deepEqual(orphan.filter((f) => !NO_DRIVER.includes(f.split('#')[0]!)), []);
});
