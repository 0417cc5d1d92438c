import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

function workspace(windows: string[]): { dir: string; config: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dw-authorize-cli-'));
  const config = join(dir, 'devices.yaml');
  writeFileSync(
    config,
    [
      'state: ./state.db',
      'store: ./store',
      'credentials: { lab: { username: u, password: "${DW_UNSET_PASSWORD}" } }',
      'defaults: { platform: ios, credentials: lab }',
      'devices:',
      '  - { name: edge-r1, host: 127.0.0.1, group: core, tags: [pe] }',
      '  - { name: edge-r2, host: 127.0.0.1, group: core }',
      windows.length ? 'windows:' : 'windows: []',
      ...windows,
    ].join('\n'),
  );
  return { dir, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('driftwatch windows --json --at: open now or not, next opening, in the window zone', async () => {
  const ws = workspace([
    '  - { name: nightly, cron: "0 2 * * *", duration: 1h, timezone: Europe/Berlin, groups: [core] }',
    '  - { name: freeze-end, start: "2026-04-01T00:00:00Z", end: "2026-04-02T00:00:00Z", authorize: all }',
  ]);
  try {
    const r = await runCli(['windows', '--json', '--at', '2026-03-29T01:30:00Z', '--config', ws.config]);
    assert.equal(r.code, 0, r.stderr);
    const [nightly, once] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual([nightly.name, nightly.open, nightly.openUntil, nightly.nextOpening.start], ['nightly', true, '2026-03-29T02:00:00.000Z', '2026-03-30T00:00:00.000Z']);
    assert.deepEqual(nightly.schedule, { cron: '0 2 * * *', duration: '1h' });
    assert.deepEqual([once.open, once.nextOpening.start, once.authorize], [false, '2026-04-01T00:00:00.000Z', 'all']);
    const text = await runCli(['windows', '--at', '2026-03-29T01:30:00Z', '--config', ws.config]);
    assert.match(text.stdout, /^nightly: OPEN until 2026-03-29 04:00 Europe\/Berlin; next 2026-03-30 02:00 Europe\/Berlin .*group core; authorize non-critical$/m);
    assert.equal((await runCli(['windows', '--at', 'yesterday', '--config', ws.config])).code, 2);
  } finally {
    ws.cleanup();
  }
});

test('driftwatch validate rejects a bad window with file:line', async () => {
  const ws = workspace(['  - name: nightly', '    cron: "0 2 * * *"', '    duration: 1h', '    timezone: Europe/Berlinn']);
  try {
    const r = await runCli(['validate', '--config', ws.config], { env: { DW_UNSET_PASSWORD: 'x' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /devices\.yaml:12: windows\[0\] \(nightly\): unknown time zone "Europe\/Berlinn"/);
  } finally {
    ws.cleanup();
  }
});

test('driftwatch expect: create, --list --json, --cancel; bad input exits 2 naming the problem', async () => {
  const ws = workspace([]);
  const cli = (...args: string[]) => runCli(['expect', ...args, '--config', ws.config]);
  try {
    const made = await cli('edge-r1', '--ticket', 'CHG-123', '--until', '4h', '--lines', '^description ', '--lines', '^ip address', '--note', 'swap uplinks', '--by', 'alice');
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^expectation #1 CHG-123 on edge-r1 until \S+Z, covers lines \/\^description \/ \/\^ip address\/, by alice \(swap uplinks\)$/m);
    assert.equal((await cli('--group', 'core', '--ticket', 'CHG-124', '--until', '2099-01-01T00:00:00Z')).code, 2, 'more than 90 days away');
    assert.equal((await cli('--group', 'core', '--ticket', 'CHG-124', '--until', '1d')).code, 0);

    const list = await cli('--list', '--json');
    assert.equal(list.code, 0, list.stderr);
    const rows = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((e) => [e.id, e.ticket, e.status, e.target]), [
      [1, 'CHG-123', 'active', { kind: 'devices', devices: ['edge-r1'] }],
      [2, 'CHG-124', 'active', { kind: 'group', group: 'core' }],
    ]);
    assert.deepEqual(rows[0].lines, ['^description ', '^ip address']);

    const cancel = await cli('--cancel', '2', '--by', 'bob');
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match((await cli('--list')).stdout, /^cancelled +#2 CHG-124 on group core .*cancelled by bob/m);

    const cases: Array<[string[], RegExp]> = [
      [['edge-r1', '--ticket', 'CHG-1', '--until', '4h', '--lines', '(unclosed'], /expect: --lines: invalid regular expression \/\(unclosed\//],
      [['ghost', '--ticket', 'CHG-1', '--until', '4h'], /expect: unknown device\(s\): ghost/],
      [['edge-r1', '--until', '4h'], /--ticket and --until are required/],
      [['edge-r1', '--ticket', 'CHG 1', '--until', '4h'], /may only contain/],
      [['--list', '--cancel', '1'], /use one of/],
      [['--cancel', '7'], /no expectation #7/],
      [[], /name devices, --group or --tag/],
    ];
    for (const [args, want] of cases) {
      const r = await cli(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, want, args.join(' '));
    }
  } finally {
    ws.cleanup();
  }
});
