import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WindowConfig } from '../../src/config/schema.js';
import { compileWindow, currentOpening, isOpen, nextOpening, openWindowsFor } from '../../src/authorize/windows.js';

function win(over: Partial<WindowConfig>): ReturnType<typeof compileWindow> {
  return compileWindow({ name: 'w', timezone: 'UTC', devices: [], groups: [], tags: [], authorize: 'non-critical', ...over });
}
const at = (iso: string) => new Date(iso);
const nextStart = (w: ReturnType<typeof win>, now: string) => nextOpening(w, at(now))?.start.toISOString();

test('Europe/Berlin, clocks forward (last Sunday of March): a 02:00 start that does not exist opens at 03:00 CEST', () => {
  const nightly = win({ cron: '0 2 * * *', duration: '1h', timezone: 'Europe/Berlin' });
  assert.equal(nextStart(nightly, '2026-03-27T12:00:00Z'), '2026-03-28T01:00:00.000Z', '02:00 CET');
  assert.equal(nextStart(nightly, '2026-03-28T12:00:00Z'), '2026-03-29T01:00:00.000Z', 'the skipped hour: 03:00 CEST');
  assert.equal(nextStart(nightly, '2026-03-29T12:00:00Z'), '2026-03-30T00:00:00.000Z', '02:00 CEST (a fixed +01:00 offset would say 01:00Z)');
  assert.equal(isOpen(nightly, at('2026-03-29T01:30:00Z')), true);
  assert.equal(isOpen(nightly, at('2026-03-29T02:00:00Z')), false, 'one hour of elapsed time');
  assert.equal(isOpen(nightly, at('2026-03-30T00:59:59Z')), true);
  assert.equal(isOpen(nightly, at('2026-03-30T01:00:00Z')), false, '03:00 CEST: closed again');
});

test('Europe/Berlin, clocks back (last Sunday of October): a 02:30 start in the repeated hour opens once, at the first 02:30', () => {
  const w = win({ cron: '30 2 * * *', duration: '30m', timezone: 'Europe/Berlin' });
  assert.equal(nextStart(w, '2026-10-24T12:00:00Z'), '2026-10-25T00:30:00.000Z', '02:30 CEST');
  assert.equal(isOpen(w, at('2026-10-25T00:45:00Z')), true);
  assert.equal(isOpen(w, at('2026-10-25T01:45:00Z')), false, 'the second 02:30 (CET) does not reopen it');
  assert.equal(nextStart(w, '2026-10-25T00:30:00Z'), '2026-10-26T01:30:00.000Z', 'next day: 02:30 CET');
});

test('a window spanning the change lasts its duration in elapsed time, not wall-clock hours', () => {
  const spring = win({ cron: '0 0 29 3 *', duration: '4h', timezone: 'Europe/Berlin' });
  const opening = currentOpening(spring, at('2026-03-29T02:30:00Z'));
  assert.deepEqual(opening && [opening.start.toISOString(), opening.end.toISOString()], ['2026-03-28T23:00:00.000Z', '2026-03-29T03:00:00.000Z']);
  const autumn = win({ cron: '0 0 25 10 *', duration: '4h', timezone: 'Europe/Berlin' });
  assert.equal(isOpen(autumn, at('2026-10-25T01:30:00Z')), true, 'CET 02:30, 3.5 h after 00:00 CEST');
  assert.equal(isOpen(autumn, at('2026-10-25T02:00:00Z')), false, '4 h elapsed at 03:00 CET');
});

test('America/New_York: second Sunday of March and first Sunday of November', () => {
  const sunday = win({ cron: '30 2 * * 0', duration: '1h', timezone: 'America/New_York' });
  assert.equal(nextStart(sunday, '2026-03-07T00:00:00Z'), '2026-03-08T07:30:00.000Z', '02:30 does not exist: 03:30 EDT');
  assert.equal(nextStart(sunday, '2026-03-08T12:00:00Z'), '2026-03-15T06:30:00.000Z', '02:30 EDT');
  const early = win({ cron: '30 1 * * 0', duration: '20m', timezone: 'America/New_York' });
  assert.equal(nextStart(early, '2026-10-31T12:00:00Z'), '2026-11-01T05:30:00.000Z', 'first 01:30 (EDT)');
  assert.equal(isOpen(early, at('2026-11-01T06:40:00Z')), false, 'the repeated 01:30 EST does not reopen');
  assert.equal(nextStart(early, '2026-11-01T12:00:00Z'), '2026-11-08T06:30:00.000Z', '01:30 EST');
});

test('half-hour zones and the default UTC', () => {
  assert.equal(nextStart(win({ cron: '0 9 * * *', duration: '1h', timezone: 'Asia/Kolkata' }), '2026-06-01T00:00:00Z'), '2026-06-01T03:30:00.000Z');
  assert.equal(nextStart(win({ cron: '0 9 * * *', duration: '1h' }), '2026-06-01T00:00:00Z'), '2026-06-01T09:00:00.000Z');
});

test('an opening that runs past midnight is open the next day, and weekday names are read in local time', () => {
  const weekend = win({ cron: '0 22 * * sat', duration: '4h', timezone: 'Europe/Berlin' });
  // Saturday 2026-06-06 22:00 CEST = 20:00Z; Sunday 01:30 CEST = Saturday 23:30Z.
  assert.equal(isOpen(weekend, at('2026-06-06T23:30:00Z')), true);
  assert.equal(isOpen(weekend, at('2026-06-07T00:30:00Z')), false, 'Sunday 02:30 local, 4.5 h after');
  assert.equal(isOpen(weekend, at('2026-06-06T19:59:00Z')), false);
  const tokyoMonday = win({ cron: '0 1 * * mon', duration: '1h', timezone: 'Asia/Tokyo' });
  assert.equal(isOpen(tokyoMonday, at('2026-06-07T16:30:00Z')), true, 'Sunday in UTC, Monday 01:30 in Tokyo');
});

test('a one-off window is open from start (inclusive) to end (exclusive) and has no next opening once begun', () => {
  const once = win({ start: '2026-12-05T22:00:00+01:00', end: '2026-12-06T04:00:00+01:00' });
  assert.equal(isOpen(once, at('2026-12-05T20:59:59Z')), false);
  assert.equal(isOpen(once, at('2026-12-05T21:00:00Z')), true);
  assert.equal(isOpen(once, at('2026-12-06T02:59:59Z')), true);
  assert.equal(isOpen(once, at('2026-12-06T03:00:00Z')), false);
  assert.equal(nextStart(once, '2026-12-01T00:00:00Z'), '2026-12-05T21:00:00.000Z');
  assert.equal(nextOpening(once, at('2026-12-05T21:00:00Z')), undefined);
});

test('a rare cron date is found years ahead; nextOpening is strictly after now', () => {
  const leap = win({ cron: '0 0 29 2 *', duration: '1h' });
  assert.equal(nextStart(leap, '2026-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
  const hourly = win({ cron: '0 * * * *', duration: '10m' });
  assert.equal(nextStart(hourly, '2026-06-01T10:00:00Z'), '2026-06-01T11:00:00.000Z');
  assert.equal(isOpen(hourly, at('2026-06-01T10:00:00Z')), true, 'open at its start instant');
});

test('openWindowsFor: scope by device, group or tag (any matches), no scope means every device', () => {
  const always = { cron: '* * * * *', duration: '1h' };
  const windows = [
    win({ ...always, name: 'all' }),
    win({ ...always, name: 'by-device', devices: ['edge-r1'] }),
    win({ ...always, name: 'by-group', groups: ['core'] }),
    win({ ...always, name: 'by-tag', tags: ['pe'] }),
    win({ name: 'closed', cron: '0 3 * * *', duration: '1h' }),
  ];
  const now = at('2026-06-01T12:00:00Z');
  const names = (d: { name: string; group?: string; tags: string[] }) => openWindowsFor(d, windows, now).map((w) => w.name);
  assert.deepEqual(names({ name: 'edge-r1', tags: [] }), ['all', 'by-device']);
  assert.deepEqual(names({ name: 'sw1', group: 'core', tags: ['pe'] }), ['all', 'by-group', 'by-tag']);
  assert.deepEqual(names({ name: 'sw2', group: 'access', tags: ['lab'] }), ['all']);
});
