/** The pure renderers: side-by-side pairing, and hostile device output never becoming markup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sideBySideRows, renderSideBySide } from '../../src/web/diff-view.js';
import { esc } from '../../src/web/html.js';
import { renderDevice } from '../../src/web/device-page.js';
import type { DeviceDetail } from '../../src/http/ports.js';

test('side by side: removed and added lines paired in order, context on both sides, section labels kept', () => {
  const diff = '--- a/x\tbaseline\n+++ b/x\tcurrent\n@@ -3,4 +3,5 @@ line vty 0 4\n line vty 0 4\n- transport input ssh\n+ transport input ssh telnet\n+ exec-timeout 0 0\n  login local\n';
  const rows = sideBySideRows(diff);
  assert.deepEqual(rows.map((r) => r.kind), ['hunk', 'ctx', 'change', 'change', 'ctx']);
  assert.equal(rows[0]!.label, 'line vty 0 4');
  assert.deepEqual([rows[2]!.leftNo, rows[2]!.left, rows[2]!.rightNo, rows[2]!.right], [4, ' transport input ssh', 4, ' transport input ssh telnet']);
  assert.deepEqual([rows[3]!.left, rows[3]!.rightNo, rows[3]!.right], [undefined, 5, ' exec-timeout 0 0']);
  assert.deepEqual([rows[4]!.leftNo, rows[4]!.rightNo], [5, 6]);
});

test('hostile text from devices and the store is escaped everywhere', () => {
  assert.equal(esc(`<img src=x onerror="alert(1)">&'`), '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
  const evil = '<script>alert(1)</script>';
  assert.doesNotMatch(renderSideBySide(`@@ -1 +1 @@ ${evil}\n-${evil}\n+${evil}\n`, { left: evil, right: 'b' }), /<script>/);
  const device: DeviceDetail = {
    name: 'r1', platform: 'cisco_ios', group: null, tags: [evil], host: '127.0.0.1', state: 'ok', lastPullAt: null, lastResult: null, lastErrorKind: null,
    lastError: evil, consecutiveFailures: 0, lastCommit: 'a'.repeat(40), facts: { model: evil, [evil]: 1 }, openDrift: null, compliance: null,
    hostKey: { keyType: evil, fingerprint: evil, firstSeen: '', lastSeen: '' }, baseline: { commit: 'a'.repeat(40), approvedAt: '', approvedBy: evil, message: evil }, pulls: [],
  };
  const html = renderDevice({ frame: { title: evil }, device, history: [{ commit: 'a'.repeat(40), date: '', subject: evil, attribution: { 'Changed-By': evil } }], config: { commit: 'a'.repeat(40), text: `hostname x\n${evil}\n` }, compare: null, canApprove: true });
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('overview pages long lists (worst first stays on page 1) and keeps the filter in its links', async () => {
  const { renderOverview } = await import('../../src/web/overview.js');
  const mk = (name: string, state: 'ok' | 'drifted') => ({ name, platform: 'cisco_ios', group: 'core', tags: [], host: 'h', state, lastPullAt: null, lastResult: null, lastErrorKind: null, lastError: null, consecutiveFailures: 0, lastCommit: null, facts: {}, openDrift: null, compliance: null });
  const devices = [mk('a', 'drifted'), mk('b', 'ok'), mk('c', 'ok')];
  const p1 = renderOverview({ frame: { title: 'x' }, counts: {}, devices, page: 1, perPage: 2, filter: { group: 'core' }, groups: [], tags: [] });
  assert.match(p1, />a<\/a>/);
  assert.doesNotMatch(p1, />c<\/a>/);
  assert.match(p1, /3 match, 1–2 shown/);
  assert.match(p1, /href="\/\?group=core&amp;page=2"|href="\/\?group=core&page=2"/);
  const p2 = renderOverview({ frame: { title: 'x' }, counts: {}, devices, page: 2, perPage: 2, filter: {}, groups: [], tags: [] });
  assert.match(p2, />c<\/a>/);
  assert.doesNotMatch(p2, />a<\/a>/);
});
