import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookChannelConfig } from '../../src/notify/channel-schemas.js';
import { renderWebhook } from '../../src/notify/webhook/render.js';
import { sendWebhook } from '../../src/notify/webhook/send.js';
import { verifyWebhook } from '../../src/notify/webhook/verify.js';
import { freePort, makeAlert, startHttpSink } from './fixtures.js';

const hostile = makeAlert({
  id: 'a-7\r\nX-Evil: 1',
  device: { name: 'sw1"}\n<script>', host: 'h', platform: 'cisco_ios', tags: [] },
  diff: '+ banner "\u2028\u0000 ```\n',
});

test('webhook body is the alert plus version 1, hostile text survives as data', () => {
  const { body, headers } = renderWebhook(hostile, {});
  const parsed = JSON.parse(body);
  assert.deepEqual(parsed, { version: 1, ...hostile });
  assert.equal(headers['x-driftwatch-signature'], undefined);
  assert.equal(headers['x-driftwatch-alert-id'], 'a-7 X-Evil: 1');
  assert.equal(headers['x-driftwatch-event'], 'drift-new');
  assert.doesNotMatch(body, /[\u2028\u2029\u0085]/, 'line separators written as \\u escapes (same JSON value)');
});

test('configured headers are sent but cannot replace content-type or the signature', () => {
  const { headers } = renderWebhook(makeAlert(), {
    secret: 's',
    headers: { Authorization: 'Bearer t', 'Content-Type': 'text/plain', 'X-Driftwatch-Signature': 'sha256=forged', 'X-Driftwatch-Timestamp': '1' },
  });
  assert.notEqual(headers['x-driftwatch-timestamp'], '1');
  assert.equal(headers['authorization'], 'Bearer t');
  assert.match(headers['content-type']!, /^application\/json/);
  assert.notEqual(headers['x-driftwatch-signature'], 'sha256=forged');
  assert.equal(renderWebhook(makeAlert(), { headers: { 'X-Driftwatch-Signature': 'sha256=forged' } }).headers['x-driftwatch-signature'], undefined);
});

test('webhook reaches a real HTTP server signed over timestamp and body; the verifier accepts it once and refuses replays and old requests', async () => {
  const sink = await startHttpSink();
  const secret = 'hunter2-webhook-secret';
  const signedAt = new Date('2026-12-02T03:00:00Z');
  try {
    const channel: WebhookChannelConfig = { type: 'webhook', url: `${sink.url}/hooks/driftwatch?token=abc`, secret, headers: { 'X-Team': 'netops' }, notices: false };
    await sendWebhook(channel, hostile, { now: () => signedAt });
    assert.equal(sink.received.length, 1);
    const r = sink.received[0]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/hooks/driftwatch?token=abc');
    assert.equal(r.headers['x-team'], 'netops');
    assert.equal(r.headers['x-driftwatch-event'], 'drift-new');
    const ts = String(r.headers['x-driftwatch-timestamp']);
    assert.equal(ts, String(signedAt.getTime() / 1000));
    const expected = 'sha256=' + createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex');
    const got = String(r.headers['x-driftwatch-signature']);
    assert.ok(timingSafeEqual(Buffer.from(got), Buffer.from(expected)), 'signature over "<timestamp>.<body>"');
    assert.deepEqual(JSON.parse(r.body), { version: 1, ...hostile });

    // The receiver's check (docs/alerts.md): fresh -> ok; the same request 10 minutes later -> refused.
    const check = (over: Partial<Parameters<typeof verifyWebhook>[0]>) => verifyWebhook({ body: r.body, timestamp: ts, signature: got, secret, now: new Date(signedAt.getTime() + 20_000), ...over });
    assert.deepEqual(check({}), { ok: true });
    assert.deepEqual(check({ now: new Date(signedAt.getTime() + 10 * 60_000) }), { ok: false, reason: 'too-old' });
    assert.deepEqual(check({ now: new Date(signedAt.getTime() - 10 * 60_000) }), { ok: false, reason: 'in-the-future' });
    // A replay with a fresh timestamp but the captured signature: the HMAC no longer matches.
    assert.deepEqual(check({ timestamp: String(Number(ts) + 600), now: new Date(signedAt.getTime() + 600_000) }), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(check({ body: r.body.replace('drift-new', 'drift-resolved') }), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(check({ signature: undefined }), { ok: false, reason: 'missing' });
    assert.deepEqual(check({ secret: 'other' }), { ok: false, reason: 'bad-signature' });

    // Without a secret: no signature, no timestamp.
    await sendWebhook({ type: 'webhook', url: sink.url }, makeAlert());
    assert.equal(sink.received[1]!.headers['x-driftwatch-signature'], undefined);
    assert.equal(sink.received[1]!.headers['x-driftwatch-timestamp'], undefined);
  } finally {
    await sink.close();
  }
});

test('webhook failures: non-2xx, redirects and refused connections, without the URL path or query', async () => {
  const sink = await startHttpSink(0, (req, res) => {
    if (req.url.startsWith('/moved')) {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
      return true;
    }
    return false;
  });
  try {
    sink.status = 503;
    await assert.rejects(sendWebhook({ type: 'webhook', url: `${sink.url}/h?token=TOPSECRET` }, makeAlert()), (err: Error) => {
      assert.equal(err.message, `webhook (127.0.0.1:${sink.port}) returned HTTP 503: boom`);
      return true;
    });
    await assert.rejects(sendWebhook({ type: 'webhook', url: `${sink.url}/moved` }, makeAlert()), /returned HTTP 302/);
    sink.status = 200;
    await sendWebhook({ type: 'webhook', url: `http://dw:p%40ss@127.0.0.1:${sink.port}/basic` }, makeAlert());
    const basic = sink.received.find((r) => r.url === '/basic')!;
    assert.equal(basic.headers.authorization, 'Basic ' + Buffer.from('dw:p@ss').toString('base64'), 'URL credentials become Basic auth');
    assert.ok(!sink.received.some((r) => r.url === '/elsewhere'), 'redirect not followed');
  } finally {
    await sink.close();
  }
  const port = await freePort();
  await assert.rejects(sendWebhook({ type: 'webhook', url: `http://user:pw@127.0.0.1:${port}/h?token=TOPSECRET` }, makeAlert()), (err: Error) => {
    assert.match(err.message, new RegExp(`^webhook \\(127\\.0\\.0\\.1:${port}\\) failed: .*ECONNREFUSED`));
    assert.ok(!/TOPSECRET|pw@/.test(err.message));
    return true;
  });
});
