import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributionText, isStaleAttribution, parseDeviceStamp, STALE_LABEL } from '../../src/notify/attribution.js';

const utc = (s: string) => Date.parse(s);

test('device stamps: IOS with zone, IOS-XR without, Junos and ISO, RFC 1123', () => {
  assert.deepEqual(parseDeviceStamp('09:37:40 CEST Tue Aug 20 2024'), { utcMs: utc('2024-08-20T07:37:40Z'), zoneKnown: true });
  assert.deepEqual(parseDeviceStamp('*09:37:40.123 UTC Tue Aug 20 2024'), { utcMs: utc('2024-08-20T09:37:40Z'), zoneKnown: true });
  assert.deepEqual(parseDeviceStamp('03:14:15 PST Wed Nov 25 2026'), { utcMs: utc('2026-11-25T11:14:15Z'), zoneKnown: true });
  assert.deepEqual(parseDeviceStamp('Tue Sep 30 09:02:26 2025'), { utcMs: utc('2025-09-30T09:02:26Z'), zoneKnown: false });
  assert.deepEqual(parseDeviceStamp('2024-08-20 09:37:40 UTC'), { utcMs: utc('2024-08-20T09:37:40Z'), zoneKnown: true });
  assert.deepEqual(parseDeviceStamp('2024-08-20T09:37:40+02:00'), { utcMs: utc('2024-08-20T07:37:40Z'), zoneKnown: true });
  assert.deepEqual(parseDeviceStamp('Tue, 20 Aug 2024 09:37:40 GMT'), { utcMs: utc('2024-08-20T09:37:40Z'), zoneKnown: true });
  assert.deepEqual(parseDeviceStamp('09:37:40 XYZT Tue Aug 20 2024'), { utcMs: utc('2024-08-20T09:37:40Z'), zoneKnown: false });
  assert.equal(parseDeviceStamp('yesterday'), undefined);
  assert.equal(parseDeviceStamp('09:37:40 CEST Tue Foo 20 2024'), undefined);
});

test('stale: a stamp older than the baseline; unknown zones get a 14 h margin; unreadable is never stale', () => {
  // The case from the field: a change detected in December 2026, stamp from August 2024.
  assert.equal(isStaleAttribution('09:37:40 CEST Tue Aug 20 2024', '2026-12-01T08:00:00Z'), true);
  assert.equal(isStaleAttribution('09:37:40 CEST Tue Aug 20 2024', new Date('2024-08-20T07:37:39Z')), false, 'stamp after the baseline');
  assert.equal(isStaleAttribution('09:37:40 CEST Tue Aug 20 2024', new Date('2024-08-20T07:37:41Z')), true, 'one second before');
  assert.equal(isStaleAttribution('Tue Sep 30 09:02:26 2025', '2025-09-30T20:00:00Z'), false, 'no zone: within 14 h could be either');
  assert.equal(isStaleAttribution('Tue Sep 30 09:02:26 2025', '2025-10-01T00:00:00Z'), true);
  assert.equal(isStaleAttribution('garbage', '2030-01-01T00:00:00Z'), false);
  assert.equal(isStaleAttribution(undefined, '2030-01-01T00:00:00Z'), false);
  assert.equal(isStaleAttribution('2024-08-20 09:37:40 UTC', undefined), false);
  assert.equal(isStaleAttribution('2024-08-20 09:37:40 UTC', 'not a date'), false);
});

test('attribution text carries the stale label', () => {
  assert.equal(attributionText({ user: 'oxidized', at: '09:37:40 CEST Tue Aug 20 2024', stale: true }), `oxidized at 09:37:40 CEST Tue Aug 20 2024 (${STALE_LABEL})`);
  assert.equal(attributionText({ user: 'jdoe', source: '10.1.1.1' }), 'jdoe from 10.1.1.1');
  assert.equal(attributionText({}), undefined);
});
