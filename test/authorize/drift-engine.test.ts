// The decision over what the real drift engine produces: IOS configs, compareConfigs, its stored diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizationContext, authorizeDriftResult, changeTicketsForCommit } from '../../src/authorize/context.js';
import { createExpectation } from '../../src/authorize/expectations.js';
import { compileWindows } from '../../src/authorize/windows.js';
import { compareConfigs } from '../../src/drift/compare.js';
import { getDriver } from '../../src/drivers/registry.js';
import { StateDb } from '../../src/store/state.js';
import { expectationsRepo } from '../../src/state/expectations-repo.js';

const baseline = ['hostname edge-r1', '!', 'interface GigabitEthernet0/1', ' description uplink to dist-1', ' ip address 10.0.0.1 255.255.255.0', '!', 'line vty 0 4', ' transport input ssh', '!', 'end', ''].join('\n');
const relabelled = baseline.replace('uplink to dist-1', 'uplink to dist-2');
const withUser = relabelled.replace('hostname edge-r1\n', 'hostname edge-r1\nusername backdoor privilege 15 secret 5 <masked>\n');
const edge = { name: 'edge-r1', group: 'core', tags: ['pe'] };
const T0 = new Date('2026-03-29T00:30:00Z'); // 01:30 CET, half an hour before the Berlin clocks jump

function compare(current: string) {
  return compareConfigs(baseline, current, { ignore: [], knowledge: getDriver('cisco_ios').drift, path: 'edge-r1.cfg' });
}

test('a description ticket authorizes the relabel, not the new user the same diff adds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-authz-'));
  const state = StateDb.open(join(dir, 'state.db'));
  try {
    const repo = expectationsRepo(state);
    createExpectation(repo, [edge], { devices: ['edge-r1'], ticket: 'CHG-123', until: '4h', lines: ['^description '], by: 'alice' }, T0);
    const pulledAt = new Date(T0.getTime() + 3_600_000);
    const ctx = authorizationContext({ windows: [] }, repo, pulledAt);
    assert.deepEqual(changeTicketsForCommit(edge, ctx, pulledAt), ['CHG-123']);

    const relabel = authorizeDriftResult(edge, compare(relabelled), ctx, pulledAt);
    assert.equal(relabel.authorized && relabel.by, 'ticket:CHG-123');

    const sneaky = compare(withUser);
    assert.equal(sneaky.severity, 'critical');
    const verdict = authorizeDriftResult(edge, sneaky, ctx, pulledAt);
    assert.equal(verdict.authorized, false);
    assert.deepEqual(!verdict.authorized && verdict.partly?.uncovered, { added: ['username backdoor privilege 15 secret 5 <masked>'], removed: [] });
  } finally {
    state.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a non-critical Berlin window authorizes the relabel at 03:30 CEST on the spring-forward night, and refuses the new user', () => {
  const windows = [{ name: 'sunday', cron: '30 2 * * 0', duration: '1h', timezone: 'Europe/Berlin', devices: [], groups: ['core'], tags: [], authorize: 'non-critical' as const }];
  const ctx = { windows: compileWindows(windows), expectations: [] };
  const inWindow = new Date('2026-03-29T01:45:00Z'); // 03:45 CEST: the 02:30 start that does not exist opened at 03:30
  const ok = authorizeDriftResult(edge, compare(relabelled), ctx, inWindow);
  assert.equal(ok.authorized && ok.by, 'window:sunday');
  const refused = authorizeDriftResult(edge, compare(withUser), ctx, inWindow);
  assert.deepEqual(!refused.authorized && refused.refusedBy, ['sunday']);
  assert.equal(authorizeDriftResult(edge, compare(relabelled), ctx, new Date('2026-03-29T00:45:00Z')).authorized, false, '01:45 CET: not open yet');
});
