import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConfigs } from '../../src/drift/compare.js';
import { decideDrift, failureTransition } from '../../src/drift/evaluate.js';

const a = 'hostname r1\nline vty 0 4\n transport input ssh\nend\n';
const b = a.replace('ssh', 'ssh telnet');
const c = b.replace('hostname r1', 'hostname r2');

test('drift lifecycle decisions', () => {
  assert.equal(decideDrift({ hasBaseline: false }).action, 'set-baseline');
  assert.equal(decideDrift({ hasBaseline: true, result: compareConfigs(a, a, { ignore: [] }) }).action, 'none');
  const first = decideDrift({ hasBaseline: true, result: compareConfigs(a, b, { ignore: [] }) });
  assert.equal(first.action, 'open');
  const hash = first.action === 'open' ? first.diffHash : '';
  assert.equal(decideDrift({ hasBaseline: true, open: { id: 7, diffHash: hash }, result: compareConfigs(a, b, { ignore: [] }) }).action, 'still-open');
  const updated = decideDrift({ hasBaseline: true, open: { id: 7, diffHash: hash }, result: compareConfigs(a, c, { ignore: [] }) });
  assert.equal(updated.action, 'update');
  assert.deepEqual(decideDrift({ hasBaseline: true, open: { id: 7, diffHash: hash }, result: compareConfigs(a, a, { ignore: [] }) }), { action: 'resolve', driftId: 7 });
});

test('failure alerts fire once at the threshold and recover once', () => {
  assert.equal(failureTransition(0, true, 3), undefined);
  assert.equal(failureTransition(2, true, 3), 'failing');
  assert.equal(failureTransition(3, true, 3), undefined);
  assert.equal(failureTransition(5, false, 3), 'recovered');
  assert.equal(failureTransition(1, false, 3), undefined);
});
