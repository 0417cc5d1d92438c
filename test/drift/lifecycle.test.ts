import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConfigs } from '../../src/drift/compare.js';
import { decideDrift, failureTransition, needsComparison } from '../../src/drift/lifecycle.js';

const a = 'hostname r1\nline vty 0 4\n transport input ssh\nend\n';
const b = a.replace('ssh', 'ssh telnet');
const c = b.replace('hostname r1', 'hostname r2');
const cmp = (x: string, y: string, ignore: RegExp[] = []) => compareConfigs(x, y, { ignore });
const window = { by: 'window:nightly', window: 'nightly', note: 'inside window nightly' };

test('nothing stored, first snapshot, at the baseline', () => {
  assert.deepEqual(decideDrift({}), { action: 'none' });
  assert.deepEqual(decideDrift({ current: 'c1' }), { action: 'set-baseline' });
  assert.deepEqual(decideDrift({ current: 'c1', baseline: 'c1' }), { action: 'none' });
  assert.deepEqual(decideDrift({ current: 'c1', baseline: 'c1', open: { id: 4, diffHash: 'x' } }), { action: 'resolve', driftId: 4 });
  assert.equal(needsComparison({ current: 'c1', baseline: 'c1' }), false);
  assert.equal(needsComparison({ current: 'c2', baseline: 'c1' }), true);
});

test('a differing commit without its comparison is a caller bug, not a silent "no drift"', () => {
  assert.throws(() => decideDrift({ current: 'c2', baseline: 'c1' }), /comparison/);
});

test('open, still open, update, and a change back resolves through the baseline', () => {
  const first = decideDrift({ current: 'c2', baseline: 'c1', result: cmp(a, b) });
  assert.equal(first.action, 'open');
  const hash = first.action === 'open' ? first.diffHash : '';
  assert.deepEqual(decideDrift({ current: 'c3', baseline: 'c1', open: { id: 7, diffHash: hash }, result: cmp(a, b) }), { action: 'still-open', driftId: 7 });
  const updated = decideDrift({ current: 'c4', baseline: 'c1', open: { id: 7, diffHash: hash }, result: cmp(a, c) });
  assert.equal(updated.action, 'update');
  assert.notEqual(updated.action === 'update' && updated.diffHash, hash);
});

test('a change of ignored lines only moves the baseline (and closes what was open)', () => {
  const x = 'hostname r1\nntp clock-period 1\n';
  const y = 'hostname r1\nntp clock-period 2\n';
  assert.deepEqual(decideDrift({ current: 'c2', baseline: 'c1', result: cmp(x, y, [/^ntp clock-period/]) }), { action: 'advance-baseline' });
  assert.deepEqual(decideDrift({ current: 'c2', baseline: 'c1', open: { id: 3, diffHash: 'h' }, result: cmp(x, y, [/^ntp clock-period/]) }), { action: 'advance-baseline', resolveId: 3 });
});

test('authorization covers drift first seen now, never a drift that was already open', () => {
  const d = decideDrift({ current: 'c2', baseline: 'c1', result: cmp(a, b), authorization: window });
  assert.equal(d.action, 'authorize');
  const open = decideDrift({ current: 'c2', baseline: 'c1', result: cmp(a, b) });
  const hash = open.action === 'open' ? open.diffHash : '';
  // An intruder's change made before the window must not be laundered by a later window.
  assert.equal(decideDrift({ current: 'c3', baseline: 'c1', open: { id: 9, diffHash: hash }, result: cmp(a, c), authorization: window }).action, 'update');
});

test('failure alerts fire once at the threshold and recover once', () => {
  assert.equal(failureTransition(0, true, 3), undefined);
  assert.equal(failureTransition(2, true, 3), 'failing');
  assert.equal(failureTransition(3, true, 3), undefined);
  assert.equal(failureTransition(5, false, 3), 'recovered');
  assert.equal(failureTransition(1, false, 3), undefined);
});
