import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/load.js';

const FILE = '/etc/driftwatch/devices.yaml';
const HEAD = [
  'credentials:',
  '  lab: { username: u, password: p }',
  'defaults: { platform: ios, credentials: lab, group: access }',
  'devices:',
  '  - { name: edge-r1, host: 10.0.0.1, group: core, tags: [pe] }',
  '  - { name: sw1, host: 10.0.0.2 }',
  'windows:',
]; // windows entries start at line 8

function problems(windows: string[]): string[] {
  try {
    parseConfig([...HEAD, ...windows].join('\n'), FILE, {});
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  return [];
}

test('valid windows load, with defaults (UTC, non-critical, empty scope)', () => {
  const cfg = parseConfig(
    [...HEAD, '  - { name: nightly, cron: "0 2 * * *", duration: 1h30m, timezone: Europe/Berlin, groups: [core, access], devices: [sw1], tags: [pe] }', '  - { name: once, start: "2026-12-05T22:00:00+01:00", end: "2026-12-06T04:00:00+01:00", authorize: all }'].join('\n'),
    FILE,
    {},
  );
  assert.equal(cfg.windows.length, 2);
  assert.deepEqual(
    { tz: cfg.windows[1]!.timezone, authorize: cfg.windows[0]!.authorize, devices: cfg.windows[1]!.devices },
    { tz: 'UTC', authorize: 'non-critical', devices: [] },
  );
  assert.deepEqual(parseConfig(HEAD.slice(0, -1).join('\n'), FILE, {}).windows, [], 'no windows key: none');
});

test('each bad window is reported with file:line and what is wrong', () => {
  const cases: Array<[string[], RegExp]> = [
    [['  - name: a', '    cron: "0 25 * * *"', '    duration: 1h'], /devices\.yaml:9: windows\[0\] \(a\): invalid cron "0 25 \* \* \*": hour: 25 is outside 0-23/],
    [['  - name: a', '    cron: "0 2 * *"', '    duration: 1h'], /:9: .*expected 5 fields/],
    [['  - name: a', '    cron: "0 2 * * *"', '    duration: 90'], /:10: windows\[0\] \(a\): invalid duration "90"/],
    [['  - name: a', '    cron: "0 2 * * *"', '    duration: 40d'], /:10: .*longer than 31 days/],
    [['  - name: a', '    cron: "0 2 * * *"'], /:9: .*cron needs a duration/],
    [['  - name: a', '    cron: "0 2 * * *"', '    duration: 1h', '    timezone: Mars/Olympus'], /:11: .*unknown time zone "Mars\/Olympus"/],
    [['  - name: a', '    start: "2026-12-06T04:00:00+01:00"', '    end: "2026-12-05T22:00:00+01:00"'], /:10: .*end 2026-12-05T22:00:00\+01:00 is not after start/],
    [['  - name: a', '    start: "2026-12-05T22:00:00"', '    end: "2026-12-06T04:00:00+01:00"'], /:9: .*invalid start .*with offset/],
    [['  - name: a', '    start: "2026-12-05T22:00:00Z"'], /:9: .*start needs an end/],
    [['  - name: a', '    cron: "0 2 * * *"', '    duration: 1h', '    start: "2026-12-05T22:00:00Z"', '    end: "2026-12-06T22:00:00Z"'], /:8: .*either cron \+ duration or start \+ end, not both/],
    [['  - name: a'], /:8: .*needs cron \+ duration or start \+ end/],
    [['  - { name: a, cron: "@daily", duration: 1h, devices: [edge-r1, ghost] }'], /:8: .*unknown device "ghost" \(not in the inventory\)/],
    [['  - name: a', '    cron: "@daily"', '    duration: 1h', '    groups: [core, dist]'], /:11: .*unknown group "dist"/],
    [['  - name: a', '    cron: "@daily"', '    duration: 1h', '    tags: [pe, p, q]'], /:11: .*unknown tags "p", "q"/],
    [['  - { name: a, cron: "@daily", duration: 1h }', '  - { name: a, cron: "@daily", duration: 2h }'], /:9: .*duplicate window name \(first used by windows\[0\]\)/],
    [['  - { name: "../x", cron: "@daily", duration: 1h }'], /:8: .*window name must match/],
    [['  - { name: a, cron: "@daily", duration: 1h, authorize: some }'], /:8: .*authorize/],
  ];
  for (const [lines, want] of cases) {
    const found = problems(lines);
    assert.ok(found.some((p) => want.test(p)), `${lines.join(' / ')}\n  wanted ${want}\n  got ${found.join('\n      ')}`);
  }
});

test('the group from defaults counts as a known group', () => {
  assert.deepEqual(problems(['  - { name: a, cron: "@daily", duration: 1h, groups: [access] }']), []);
});
