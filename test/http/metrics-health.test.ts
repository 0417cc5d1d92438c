/** /metrics, /healthz, /readyz over loopback: token needed unless metrics_public; the pure readiness decision. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cronIntervalMs, readiness } from '../../src/http/health-routes.js';
import { driftLink } from '../../src/http/link.js';
import { api, startFleet, type Fleet } from './fleet.js';

let f: Fleet;
let pub: Fleet;
before(async () => {
  [f, pub] = await Promise.all([startFleet(), startFleet({ http: { metrics_public: true } })]);
});
after(async () => {
  await f?.close();
  await pub?.close();
});

test('/metrics needs a token by default and exposes the pull, drift, device and outbox metrics', async () => {
  assert.equal((await api(f, '/metrics')).status, 401);
  assert.equal((await api(f, '/healthz')).status, 401);
  assert.equal((await api(f, '/readyz')).status, 401);
  f.metrics.pullFinished('failed', 'timeout', 2.5);
  f.metrics.pullFinished('changed', null, 0.4);
  f.metrics.alertDelivered('slack', 'delivered');
  f.metrics.syslogMessage('config-change');
  f.metrics.cycleFinished(12);
  const r = await api(f, '/metrics', { token: f.tokens.viewer });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await r.text();
  assert.match(text, /^driftwatch_pulls_total\{result="failed",error_kind="timeout"\} 1$/m);
  assert.match(text, /^driftwatch_pull_duration_seconds_bucket\{le="5",result="failed"\} 1$/m);
  assert.match(text, /^driftwatch_cycle_duration_seconds_count 1$/m);
  assert.match(text, /^driftwatch_devices\{state="drifted"\} 1$/m);
  assert.match(text, /^driftwatch_devices\{state="ok"\} 2$/m);
  assert.match(text, /^driftwatch_open_drift\{severity="critical"\} 1$/m);
  assert.match(text, /^driftwatch_outbox_depth \d+$/m);
  assert.match(text, /^driftwatch_alert_deliveries_total\{channel="slack",result="delivered"\} 1$/m);
  assert.match(text, /^driftwatch_syslog_messages_total\{outcome="config-change"\} 1$/m);
  assert.match(text, /^driftwatch_process_resident_memory_bytes /m, 'process metrics');
});

test('metrics_public: metrics and health without a token; the API still needs one', async () => {
  const m = await api(pub, '/metrics');
  assert.equal(m.status, 200);
  assert.match(await m.text(), /^# TYPE driftwatch_pulls_total counter$/m);
  assert.deepEqual(await (await api(pub, '/healthz')).json(), { status: 'ok' });
  const ready = await api(pub, '/readyz');
  assert.equal(ready.status, 200, 'cycles ran just now');
  assert.equal((await ready.json()).status, 'ready');
  assert.equal((await api(pub, '/api/v1/devices')).status, 401);
});

test('readyz turns 503 when the last cycle is older than twice the schedule (injected clock)', async () => {
  const saved = f.clock.now;
  f.clock.now = new Date(saved.getTime() + 31 * 60_000); // default schedule: every 15 minutes
  try {
    const r = await api(f, '/readyz', { token: f.tokens.viewer });
    assert.equal(r.status, 503);
    assert.match(JSON.stringify(await r.json()), /twice the schedule/);
  } finally {
    f.clock.now = saved;
  }
});

test('readiness decision (pure)', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const started = new Date('2026-01-01T11:59:00Z');
  const ok = { state: true, store: true, lastCycleAt: new Date('2026-01-01T11:40:00Z') };
  assert.equal(readiness(ok, now, 15 * 60_000, started).ready, true);
  assert.equal(readiness({ ...ok, lastCycleAt: new Date('2026-01-01T11:29:00Z') }, now, 15 * 60_000, started).ready, false);
  assert.equal(readiness({ ...ok, lastCycleAt: null }, now, 15 * 60_000, started).ready, true, 'just started');
  assert.equal(readiness({ ...ok, lastCycleAt: null }, now, 15 * 60_000, new Date('2026-01-01T11:00:00Z')).ready, false);
  assert.deepEqual(readiness({ ...ok, state: false }, now, undefined, started).reasons, ['state database not usable']);
  assert.equal(cronIntervalMs('*/15 * * * *'), 15 * 60_000);
  assert.equal(cronIntervalMs('not cron'), undefined);
});

test('driftLink: a link to the review item from public_url (pure)', () => {
  assert.equal(driftLink('https://dw.example.net/', 'core sw/1', 42), 'https://dw.example.net/review?device=core%20sw%2F1#drift-42');
  assert.equal(driftLink('https://dw.example.net/base', 'r1', null), 'https://dw.example.net/base/review?device=r1');
  assert.equal(driftLink(undefined, 'r1', 1), null);
});
