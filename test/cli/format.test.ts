/** The CLI's pure formatting: sanitising, colour decision, ages, the progress throttle, status views. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeLine, safeText } from '../../src/cli/format/sanitize.js';
import { colourWanted, makePaint, visibleWidth } from '../../src/cli/format/colour.js';
import { ago, shortDuration } from '../../src/cli/format/age.js';
import { ProgressLine, progressText } from '../../src/cli/format/progress.js';
import { renderDiff } from '../../src/cli/format/diff-colour.js';
import { filterStatuses, statusExitCode, statusSummary, statusTable } from '../../src/cli/format/status-view.js';
import type { DeviceStatus } from '../../src/app/use-cases/status.js';

const NO_PAINT = makePaint(false);
const PAINT = makePaint(true);

test('controls and bidi overrides are shown escaped; text keeps tabs and newlines only', () => {
  const hostile = 'a\x1b[2Jb\x07c\x9bd\u202ee\u2066f\u2069g\x7fh\ri';
  assert.equal(safeLine(hostile), 'a\\x1b[2Jb\\x07c\\x9bd\\u202ee\\u2066f\\u2069g\\x7fh\\x0di');
  assert.equal(safeLine('one\ntwo\tthree'), 'one\\x0atwo\\x09three');
  assert.equal(safeText('line 1\n\tindented\x1b]0;owned\x07\r\n'), 'line 1\n\tindented\\x1b]0;owned\\x07\\x0d\n');
  assert.equal(safeLine('plain ünïcode → ok'), 'plain ünïcode → ok');
  assert.equal(safeLine(null), '');
});

test('colour: FORCE_COLOR forces (and wins over NO_COLOR), NO_COLOR disables, else only on a terminal', () => {
  assert.equal(colourWanted({}, true), true);
  assert.equal(colourWanted({}, false), false);
  assert.equal(colourWanted({ NO_COLOR: '1' }, true), false);
  assert.equal(colourWanted({ NO_COLOR: '' }, true), true, 'an empty NO_COLOR is unset (no-color.org)');
  assert.equal(colourWanted({ FORCE_COLOR: '1' }, false), true);
  assert.equal(colourWanted({ FORCE_COLOR: '0' }, true), false);
  assert.equal(colourWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  assert.equal(colourWanted({ TERM: 'dumb' }, true), false);
  assert.equal(PAINT.red('x'), '\x1b[31mx\x1b[39m');
  assert.equal(NO_PAINT.red('x'), 'x');
  assert.equal(visibleWidth(PAINT.bold(PAINT.green('abc'))), 3);
});

test('ages read like a person says them, against the injected clock', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  assert.equal(ago(null, now), 'never');
  assert.equal(ago('2026-12-02T11:59:58Z', now), 'just now');
  assert.equal(ago('2026-12-02T11:59:30Z', now), '30 s ago');
  assert.equal(ago('2026-12-02T11:55:00Z', now), '5 min ago');
  assert.equal(ago('2026-12-02T09:00:00Z', now), '3 h ago');
  assert.equal(ago('2026-11-28T12:00:00Z', now), '4 days ago');
  assert.equal(ago('2026-12-02T13:00:00Z', now), 'in the future');
  assert.equal(ago('garbage', now), '?');
  assert.equal(shortDuration(185), '3m05s');
  assert.equal(shortDuration(3720), '1h02m');
});

test('progress: done/total, failed, rate, ETA; redrawn at most once per interval; last result always drawn', () => {
  assert.equal(progressText({ done: 50, total: 300, failed: 2 }, 10_000), 'pull 50/300, 2 failed, 5.0/s, ETA 50s');
  assert.equal(progressText({ done: 300, total: 300, failed: 0 }, 20_000), 'pull 300/300, 0 failed, 15.0/s');
  let t = 0;
  let out = '';
  const p = new ProgressLine((s) => (out += s), () => t, 100);
  for (let done = 1; done <= 100; done++) {
    t += 5; // 200 results per second
    p.update({ done, total: 100, failed: 0 });
  }
  // 500 ms of results at 100 ms apart: 5 draws plus the final one at most.
  assert.ok(p.draws >= 5 && p.draws <= 6, `draws ${p.draws}`);
  assert.match(out, /pull 100\/100, 0 failed/);
  out = '';
  p.print('sw1 FAILED timeout');
  assert.equal(out, '\r\x1b[2Ksw1 FAILED timeout\npull 100/100, 0 failed, 200.0/s');
  p.finish();
  assert.ok(out.endsWith('\r\x1b[2K'));
});

test('diff colours: + green, - red, @@ cyan; device text neutralised before colouring', () => {
  const diff = '--- a/sw1.cfg\n+++ b/sw1.cfg\n@@ -1,2 +1,2 @@ line vty 0 4\n-old\n+new \x1b[2J\n context\n';
  const out = renderDiff(diff, PAINT);
  assert.match(out, /\x1b\[32m\+new \\x1b\[2J\x1b\[39m/);
  assert.match(out, /\x1b\[31m-old\x1b\[39m/);
  assert.match(out, /\x1b\[36m@@ -1,2 \+1,2 @@ line vty 0 4\x1b\[39m/);
  assert.doesNotMatch(out.replace(/\x1b\[\d+m/g, ''), /\x1b/, 'only our own colour codes');
  assert.equal(renderDiff(diff, NO_PAINT), safeText(diff.replace('\x1b', '\\x1b')).replace(/\n$/, ''));
});

function dev(name: string, over: Partial<DeviceStatus> = {}): DeviceStatus {
  return { name, platform: 'cisco_ios', group: 'core', tags: [], host: 'h', path: `${name}.cfg`, last_pull: '2026-12-02T11:55:00Z', result: 'unchanged', error_kind: null, error: null, commit: 'c', consecutive_failures: 0, facts: {}, compliance_score: null, drift: null, ...over };
}

const DRIFT = { id: 7, severity: 'critical', added: 2, removed: 1, since: '2026-12-02T11:00:00Z' };
const rows = [
  dev('ok1'),
  dev('bad1', { result: 'failed', error_kind: 'timeout', error: 'no answer in 20 s \x1b[2J'.repeat(4), consecutive_failures: 3, group: 'edge' }),
  dev('drift1', { drift: DRIFT, group: 'edge' }),
  dev('new1', { last_pull: null, result: null, commit: null }),
];

test('status filters: --failed, --drift (together: either), --group narrows', () => {
  const names = (f: Parameters<typeof filterStatuses>[1]) => filterStatuses(rows, f).map((r) => r.name);
  assert.deepEqual(names({}), ['ok1', 'bad1', 'drift1', 'new1']);
  assert.deepEqual(names({ failed: true }), ['bad1']);
  assert.deepEqual(names({ drift: true }), ['drift1']);
  assert.deepEqual(names({ failed: true, drift: true }), ['bad1', 'drift1']);
  assert.deepEqual(names({ group: 'edge' }), ['bad1', 'drift1']);
  assert.deepEqual(names({ group: 'core', failed: true }), []);
});

test('status table: age, failure count, open drift; one safe line per device; summary and exit code', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const lines = statusTable(rows, now, NO_PAINT);
  assert.match(lines[0]!, /^device +platform +last pull +result +fails +drift$/);
  assert.match(lines[1]!, /^ok1 +cisco_ios +5 min ago +unchanged +0 +-$/);
  assert.match(lines[2]!, /^bad1 .*FAILED timeout: no answer in 20 s \\x1b\[… +3 +-$/);
  assert.match(lines[3]!, /^drift1 .* 0 +critical \+2 -1 #7$/);
  assert.match(lines[4]!, /^new1 +cisco_ios +never +never pulled +0 +-$/);
  assert.equal(lines.length, 5);
  assert.equal(statusSummary(rows, NO_PAINT), '4 devices: 1 ok, 1 failing, 1 drifted, 1 never pulled');
  assert.equal(statusExitCode(rows), 3, 'drift wins over failing');
  assert.equal(statusExitCode(rows.filter((r) => !r.drift)), 1);
  assert.equal(statusExitCode([rows[0]!, rows[3]!]), 0, 'never pulled is not failing');
});
