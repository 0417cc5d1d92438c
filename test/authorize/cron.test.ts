import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CronError, matchesDate, parseCron } from '../../src/authorize/cron.js';
import { formatDuration, parseDuration, parseIsoInstant } from '../../src/authorize/duration.js';

test('cron fields: lists, ranges, steps, names, 7 as Sunday, macros', () => {
  const cases: Array<[string, Partial<Record<'minutes' | 'hours', number[]>> & { weekdays?: number[]; months?: number[]; days?: number[] }]> = [
    ['0 2 * * *', { minutes: [0], hours: [2] }],
    ['*/15 1-3 * * *', { minutes: [0, 15, 30, 45], hours: [1, 2, 3] }],
    ['5/20 0 * * *', { minutes: [5, 25, 45] }],
    ['0,30 22 * * sat,SUN', { minutes: [0, 30], hours: [22], weekdays: [6, 0] }],
    ['0 0 * * 7', { weekdays: [0] }],
    ['0 0 * * 1-5/2', { weekdays: [1, 3, 5] }],
    ['0 0 1 jan-mar *', { months: [1, 2, 3], days: [1] }],
    ['@weekly', { minutes: [0], hours: [0], weekdays: [0] }],
  ];
  for (const [expr, want] of cases) {
    const spec = parseCron(expr);
    if (want.minutes) assert.deepEqual(spec.minutes, want.minutes, expr);
    if (want.hours) assert.deepEqual(spec.hours, want.hours, expr);
    if (want.weekdays) assert.deepEqual([...spec.weekdays].sort(), [...want.weekdays].sort(), expr);
    if (want.months) assert.deepEqual([...spec.months].sort(), want.months, expr);
    if (want.days) assert.deepEqual([...spec.days], want.days, expr);
  }
});

test('bad cron expressions are refused with the field named', () => {
  const cases: Array<[string, RegExp]> = [
    ['0 2 * *', /expected 5 fields/],
    ['0 0 2 * * *', /expected 5 fields.*got 6/],
    ['60 * * * *', /minute: 60 is outside 0-59/],
    ['0 24 * * *', /hour: 24/],
    ['0 0 0 * *', /day of month: 0/],
    ['0 0 * 13 *', /month: 13/],
    ['0 0 * * 8', /day of week: 8/],
    ['0 0 * * funday', /day of week: "funday" is not a number or name/],
    ['*/0 * * * *', /step must be at least 1/],
    ['0 5-1 * * *', /runs backwards/],
    ['0 0 L * *', /day of month/],
    ['0 0 ? * *', /day of month/],
  ];
  for (const [expr, message] of cases) assert.throws(() => parseCron(expr), (e: unknown) => e instanceof CronError && message.test(e.message), expr);
});

test('day of month and weekday: either matches when both are restricted, both must when one is *', () => {
  const both = parseCron('0 0 13 * 5'); // the 13th, or any Friday (Vixie cron)
  assert.equal(matchesDate(both, 3, 13, 2), true, 'the 13th on a Tuesday');
  assert.equal(matchesDate(both, 3, 6, 5), true, 'a Friday the 6th');
  assert.equal(matchesDate(both, 3, 7, 6), false);
  const friday = parseCron('0 0 * * 5');
  assert.equal(matchesDate(friday, 3, 13, 2), false, 'only Fridays');
  assert.equal(matchesDate(parseCron('0 0 */2 * 5'), 3, 3, 2), false, 'a starred step counts as unrestricted: both must match');
  assert.equal(matchesDate(parseCron('0 0 1 6 *'), 5, 1, 0), false, 'month restricts');
});

test('durations and ISO instants', () => {
  const cases: Array<[string, number | undefined]> = [
    ['90m', 90 * 60_000],
    ['4h', 4 * 3_600_000],
    ['1h30m', 90 * 60_000],
    ['2d', 2 * 86_400_000],
    ['1d2h3m', (26 * 60 + 3) * 60_000],
    ['0m', undefined],
    ['', undefined],
    ['90', undefined],
    ['30m1h', undefined],
    ['-1h', undefined],
    ['1.5h', undefined],
  ];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
  assert.equal(formatDuration(90 * 60_000), '1h30m');
  assert.equal(formatDuration(2 * 86_400_000), '2d');
  assert.equal(parseIsoInstant('2026-03-29T02:30:00+01:00')?.toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(parseIsoInstant('2026-03-29T01:30Z')?.toISOString(), '2026-03-29T01:30:00.000Z');
  assert.equal(parseIsoInstant('2026-03-29T02:30:00'), undefined, 'no offset: refused, not read as local time');
  assert.equal(parseIsoInstant('2026-02-30T00:00:00Z'), undefined, 'a date that does not exist');
  assert.equal(parseIsoInstant('tomorrow'), undefined);
});
