import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelConfigSchema, channelSecretFields, mapSecretFields } from '../../src/notify/channel-schemas.js';

const parse = (v: unknown) => channelConfigSchema.safeParse(v);

test("today's keys and defaults, plus notices: false", () => {
  assert.deepEqual(channelConfigSchema.parse({ type: 'email', host: 'smtp', from: 'a@b.c', to: 'x@y.z' }), {
    type: 'email', host: 'smtp', port: 25, secure: false, from: 'a@b.c', to: 'x@y.z', notices: false,
  });
  assert.deepEqual(channelConfigSchema.parse({ type: 'slack', webhook_url: 'https://hooks.slack.com/services/T/B/X', min_severity: 'normal', notices: true }), {
    type: 'slack', webhook_url: 'https://hooks.slack.com/services/T/B/X', min_severity: 'warning', notices: true,
  });
  assert.equal(parse({ type: 'webhook', url: 'https://h/x', extra: 1 }).success, false, 'strict: unknown keys refused');
  assert.equal(parse({ type: 'pager', url: 'https://h' }).success, false);
});

test('webhook and Slack URLs are http(s) only', () => {
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://h/x', 'gopher://h', 'data:text/plain,x']) {
    const r = parse({ type: 'webhook', url });
    assert.equal(r.success, false, url);
    assert.match(JSON.stringify(r.error?.issues), /http:\/\/ or https:\/\//, url);
    assert.equal(parse({ type: 'slack', webhook_url: url }).success, false, url);
  }
  assert.equal(parse({ type: 'webhook', url: 'HTTPS://h/x' }).success, true);
});

test('secret fields per type, and only those are expanded', () => {
  assert.deepEqual(channelSecretFields, { email: ['user', 'password'], slack: ['webhook_url'], webhook: ['url', 'secret', 'headers'] });
  const seen: string[] = [];
  const expand = (v: string, field: string) => {
    seen.push(field);
    return v.replace('${T}', 'tok');
  };
  const hook = mapSecretFields({ type: 'webhook' as const, url: 'https://h/${T}', secret: '${T}', headers: { Authorization: 'Bearer ${T}' }, name: '${T}' }, expand);
  assert.deepEqual(hook, { type: 'webhook', url: 'https://h/tok', secret: 'tok', headers: { Authorization: 'Bearer tok' }, name: '${T}' });
  assert.deepEqual(seen, ['url', 'secret', 'headers.Authorization']);
  const mail = mapSecretFields({ type: 'email' as const, host: '${T}', user: '${T}', to: ['${T}'] }, expand);
  assert.deepEqual(mail, { type: 'email', host: '${T}', user: 'tok', to: ['${T}'] });
});
