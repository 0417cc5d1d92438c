/** The compliance state repository on a real SQLite file, software facts history, downgrades, the versions file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Device } from '../../src/config/schema.js';
import { PackError } from '../../src/compliance/pack-load.js';
import { parseVersionsFile } from '../../src/compliance/data-files.js';
import { softwareChangeAlert, versionFindingsAlert } from '../../src/compliance/software/alerts.js';
import { checkVersion, softwareChanges } from '../../src/compliance/software/changes.js';
import { compareVersions } from '../../src/compliance/software/version.js';
import type { RuleResult } from '../../src/compliance/types.js';
import { ComplianceRepo, complianceRepo } from '../../src/state/compliance-repo.js';
import { StateDb } from '../../src/store/state.js';

const device: Device = { name: 'r1', host: '127.0.0.1', port: 22, platform: 'cisco_ios', tags: [], credentials: { username: 'u' }, credentialsName: 'c', ignore: [] };
const res = (rule: string, verdict: RuleResult['verdict']): RuleResult => ({ rule, title: rule, severity: 'warning', verdict, lines: [{ line: 3, text: 'ip http server' }], notes: [] });

test('verdicts and scores persist per device; tables are created idempotently on the StateDb connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-crepo-'));
  try {
    const path = join(dir, 'state.db');
    let state = StateDb.open(path);
    complianceRepo(state).save('r1', [res('a', 'PASS'), res('b', 'FAIL')], 60, new Date('2026-01-01T00:00:00Z'), 'c1');
    state.close();
    state = StateDb.open(path);
    const repo = complianceRepo(state);
    new ComplianceRepo(state.db); // a second construction on the same file is harmless
    assert.deepEqual(repo.previousVerdicts('r1').sort((x, y) => x.rule.localeCompare(y.rule)), [{ rule: 'a', verdict: 'PASS' }, { rule: 'b', verdict: 'FAIL' }]);
    assert.deepEqual(repo.results('r1')[1]!.lines, [{ line: 3, text: 'ip http server' }]);
    assert.equal(repo.scores().get('r1')!.score, 60);
    repo.save('r1', [res('a', 'FAIL')], 0, new Date('2026-01-02T00:00:00Z'));
    assert.deepEqual(repo.previousVerdicts('r1'), [{ rule: 'a', verdict: 'FAIL' }], 'replaced, not merged');
    assert.deepEqual(repo.previousVerdicts('other'), []);
    state.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a device with more verdicts than one INSERT holds keeps them all, evidence capped at 20 lines', () => {
  const state = StateDb.open(':memory:');
  try {
    const repo = complianceRepo(state);
    const many = Array.from({ length: 123 }, (_, i) => ({ ...res(`r${String(i).padStart(3, '0')}`, i % 2 ? 'FAIL' : 'PASS'), lines: Array.from({ length: i % 30 }, (_, k) => ({ line: k + 1, text: `l${k}` })) }));
    repo.save('r1', many, 50, new Date('2026-01-01T00:00:00Z'), 'c1', 'key1');
    const stored = repo.results('r1');
    assert.equal(stored.length, 123);
    assert.deepEqual(stored.map((r) => [r.rule, r.verdict, r.lines.length]), many.map((r, i) => [r.rule, r.verdict, Math.min(i % 30, 20)]));
    assert.equal(repo.inputKey('r1'), 'key1');
    repo.save('r1', many.slice(0, 2), 50, new Date('2026-01-02T00:00:00Z'));
    assert.equal(repo.results('r1').length, 2, 'replaced, not merged');
  } finally {
    state.close();
  }
});

test('software facts history records changes only and returns the previous facts', () => {
  const state = StateDb.open(':memory:');
  const repo = complianceRepo(state);
  const t = (d: number) => new Date(Date.UTC(2026, 0, d));
  assert.equal(repo.recordSoftware('r1', { os_version: '17.9.4a', model: 'C9300', image: 'a.bin' }, t(1)), undefined, 'first sight');
  assert.equal(repo.recordSoftware('r1', { os_version: '17.9.4a', model: 'C9300', image: 'a.bin' }, t(2)), undefined, 'unchanged');
  const prev = repo.recordSoftware('r1', { os_version: '17.3.1', model: 'C9300', image: 'b.bin' }, t(3));
  assert.equal(prev?.os_version, '17.9.4a');
  assert.deepEqual(repo.softwareHistory('r1').map((h) => h.os_version), ['17.3.1', '17.9.4a']);
  state.close();
});

test('version comparison understands vendor version shapes', () => {
  const lt = (a: string, b: string) => assert.ok(compareVersions(a, b) < 0 && compareVersions(b, a) > 0, `${a} < ${b}`);
  lt('17.9.4', '17.9.4a');
  lt('17.9.4a', '17.9.5');
  lt('17.3.1', '17.9.4a');
  lt('15.2(7)E3', '15.2(7)E10');
  lt('15.2(4)E10', '15.2(7)E3');
  lt('7.3.2', '7.11.1');
  lt('10.2.9', '10.2.9-h1');
  lt('10.2.9-h1', '10.2.10');
  lt('22.4R3', '22.4R3-S2.11');
  lt('9.3(9)', '9.3(10)');
  lt('7.4.6 build2726', '7.4.7 build2731');
  assert.equal(compareVersions('17.09.04a', '17.9.4a'), 0);
});

test('a downgrade not covered by a window or ticket alerts critical; an upgrade or a covered change does not', () => {
  const changes = softwareChanges({ os_version: '17.9.4a', image: 'cat9k.17.09.04a.SPA.bin' }, { os_version: '17.3.1', image: 'cat9k.17.03.01.SPA.bin' });
  assert.deepEqual(changes.map((c) => c.kind), ['downgrade', 'image-change']);
  const alert = softwareChangeAlert(device, changes, false, new Date());
  assert.equal(alert?.kind, 'compliance-regression');
  assert.equal(alert?.severity, 'critical');
  assert.match(alert!.summary, /downgrade 17\.9\.4a -> 17\.3\.1/);
  assert.equal(softwareChangeAlert(device, changes, true, new Date()), undefined, 'covered by a window');
  assert.equal(softwareChangeAlert(device, softwareChanges({ os_version: '17.3.1' }, { os_version: '17.9.4a' }), false, new Date()), undefined, 'upgrade');
  assert.deepEqual(softwareChanges(undefined, { os_version: '1' }), []);
  assert.equal(softwareChangeAlert(device, softwareChanges({ image: 'a' }, { image: 'b' }), false, new Date())?.severity, 'warning');
});

test('versions file: minimum, recommended, end of life; problems name the line', () => {
  const policies = parseVersionsFile(
    ['versions:', '  - platform: ios', '    model: ^C9300', '    minimum: 17.6.1', '    recommended: 17.9.5', '  - platform: cisco_ios', '    model: ^WS-C2960', '    end_of_life: 2022-10-31'].join('\n'),
    'versions.yaml',
  );
  const now = new Date('2026-06-01T00:00:00Z');
  assert.deepEqual(checkVersion('cisco_ios', { os_version: '17.3.1', model: 'C9300-48P' }, policies, now).map((f) => f.kind), ['below-minimum']);
  assert.deepEqual(checkVersion('cisco_ios', { os_version: '17.9.4a', model: 'C9300-48P' }, policies, now).map((f) => f.kind), ['below-recommended']);
  assert.deepEqual(checkVersion('cisco_ios', { os_version: '17.9.5', model: 'C9300-48P' }, policies, now), []);
  assert.deepEqual(checkVersion('cisco_ios', { os_version: '15.2(7)E3', model: 'WS-C2960X-48' }, policies, now).map((f) => f.kind), ['end-of-life']);
  assert.equal(versionFindingsAlert(device, checkVersion('cisco_ios', { os_version: '17.3.1', model: 'C9300' }, policies, now), now)?.severity, 'critical');
  assert.throws(() => parseVersionsFile('versions:\n  - platform: ios\n    end_of_life: soon\n', 'v.yaml'), (e: unknown) => e instanceof PackError && /^v\.yaml:3: versions\.0\.end_of_life/.test(e.message));
  assert.throws(() => parseVersionsFile('versions:\n  - platform: nope\n', 'v.yaml'), /unknown platform "nope"/);
});
