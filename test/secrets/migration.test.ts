/** Placeholder migration and "secret changed" in the drift engine (pure rules of src/secrets/migration.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConfigs } from '../../src/drift/compare.js';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';
import { fingerprinter } from '../../src/secrets/fingerprint.js';
import { alignPlaceholders, isFingerprintMigration, isPlaceholderUpgrade, isSecretChange } from '../../src/secrets/migration.js';
import { rekeyPlan } from '../../src/secrets/rekey.js';

const RAW = 'hostname r1\n!\nenable secret 9 $9$abc$def\nsnmp-server community C0mm RO\nsnmp-server location lab\nend\n';
const OPTS = { ignore: [], knowledge: ciscoIos.drift };
const fpA = fingerprinter(Buffer.alloc(32, 1), 'r1');
const fpB = fingerprinter(Buffer.alloc(32, 2), 'r1');

test('a store written with <masked> upgrades to fingerprints without drift, and the commit is a fingerprint migration', () => {
  const old = ciscoIos.maskSecrets(RAW);
  const now = ciscoIos.maskSecrets(RAW, fpA);
  assert.match(old, /community <masked> RO/);
  assert.equal(compareConfigs(old, now, OPTS).drifted, false);
  assert.equal(isFingerprintMigration(old, now), true);
  assert.equal(isFingerprintMigration(now, now), false, 'nothing to commit');
});

test('a changed SNMP community is drift reported as a secret change, without either value', () => {
  const before = ciscoIos.maskSecrets(RAW, fpA);
  const after = ciscoIos.maskSecrets(RAW.replace('C0mm', 'Intrud3r'), fpA);
  const r = compareConfigs(before, after, OPTS);
  assert.equal(r.drifted, true);
  assert.deepEqual(r.secretChanges?.map((c) => c.line), [after.split('\n')[3]]);
  assert.doesNotMatch(r.diff, /C0mm|Intrud3r/);
  assert.equal(isFingerprintMigration(before, after), false, 'a real change is never a migration');
});

test('a migration that also changes a line is drift for that line only', () => {
  const old = ciscoIos.maskSecrets(RAW);
  const now = ciscoIos.maskSecrets(RAW.replace('location lab', 'location dc2'), fpA);
  const r = compareConfigs(old, now, OPTS);
  assert.equal(r.added, 1);
  assert.equal(r.removed, 1);
  assert.match(r.diff, /^\+snmp-server location dc2$/m);
  assert.equal(isFingerprintMigration(old, now), false);
});

test('after a rekey, fingerprint-only changes are not drift; without the rekey rule they are', () => {
  const before = ciscoIos.maskSecrets(RAW, fpA);
  const after = ciscoIos.maskSecrets(RAW, fpB);
  assert.equal(compareConfigs(before, after, OPTS).drifted, true);
  assert.equal(compareConfigs(before, after, { ...OPTS, secrets: { rekeyed: true } }).drifted, false);
  assert.equal(isFingerprintMigration(before, after, { rekeyed: true }), true);
  // Via the reference (first snapshot after the rekey), a later real change is drift again.
  const baseline = alignPlaceholders(before, after, { rekeyed: true });
  assert.equal(baseline, after);
  const later = ciscoIos.maskSecrets(RAW.replace('C0mm', 'Other'), fpB);
  assert.ok(compareConfigs(baseline, later, OPTS).secretChanges?.length);
});

test('line rules: shapes must match; constant masks carry no information', () => {
  assert.equal(isPlaceholderUpgrade('key <masked>', 'key <secret:0123456789>'), true);
  assert.equal(isPlaceholderUpgrade('key <masked>', 'key2 <secret:0123456789>'), false);
  assert.equal(isPlaceholderUpgrade('key <secret:0123456789>', 'key <secret:9876543210>'), false);
  assert.equal(isSecretChange('key <secret:0123456789>', 'key <secret:9876543210>'), true);
  assert.equal(isSecretChange('key <masked>', 'key <secret:9876543210>'), false);
});

test('rekey plan: normal, first pull after the rekey, then via the reference; a later approval ends it', () => {
  const rekey = new Date('2026-01-02T00:00:00Z');
  const before = new Date('2026-01-01T00:00:00Z');
  const after = new Date('2026-01-03T00:00:00Z');
  assert.equal(rekeyPlan({}), 'normal');
  assert.equal(rekeyPlan({ latestRekeyAt: rekey, baselineAt: before }), 'first-pull');
  assert.equal(rekeyPlan({ latestRekeyAt: rekey, baselineAt: before, referenceRekeyAt: rekey }), 'via-reference');
  assert.equal(rekeyPlan({ latestRekeyAt: rekey, baselineAt: before, referenceRekeyAt: before }), 'first-pull');
  assert.equal(rekeyPlan({ latestRekeyAt: rekey, baselineAt: after }), 'normal');
});
