import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChannelConfig } from '../../src/notify/channel-schemas.js';
import { channelId, channelMap, channelsFor, describeChannel } from '../../src/notify/route.js';
import type { Alert } from '../../src/notify/types.js';
import { makeAlert } from './fixtures.js';

const slack = (over: Partial<Extract<ChannelConfig, { type: 'slack' }>> = {}): ChannelConfig => ({
  type: 'slack',
  webhook_url: 'https://hooks.slack.com/services/T/B/SECRET',
  notices: false,
  ...over,
});

const channels: ChannelConfig[] = [
  slack({ name: 'all' }),
  slack({ name: 'crit', min_severity: 'critical' }),
  slack({ min_severity: 'warning' }), // slack#2
  slack({ name: 'core', groups: ['core'] }),
  slack({ name: 'edge-crit', tags: ['edge'], min_severity: 'critical' }),
  { type: 'email', name: 'mail', host: 'smtp', port: 25, secure: false, from: 'a@b.c', to: 'x@y.z', groups: [], tags: [], notices: false },
];

const ids = (a: Alert) => channelsFor(a, channels).map((r) => r.id);

test('min_severity: info < warning < critical', () => {
  assert.deepEqual(ids(makeAlert({ severity: 'critical' })), ['all', 'crit', 'slack#2', 'core', 'edge-crit', 'mail']);
  assert.deepEqual(ids(makeAlert({ severity: 'warning' })), ['all', 'slack#2', 'core', 'mail']);
});

test('info alerts ignore min_severity but still obey groups and tags', () => {
  assert.deepEqual(ids(makeAlert({ kind: 'drift-resolved', severity: 'info' })), ['all', 'crit', 'slack#2', 'core', 'edge-crit', 'mail']);
  const other = makeAlert({ kind: 'pull-recovered', severity: 'info', device: { name: 'r9', host: 'h', platform: 'vyos', group: 'branch', tags: ['wan'] } });
  assert.deepEqual(ids(other), ['all', 'crit', 'slack#2', 'mail']);
});

test('groups and tags filters; empty lists do not filter', () => {
  const noGroup = makeAlert({ device: { name: 'x', host: 'h', platform: 'p', tags: [] } });
  assert.deepEqual(ids(noGroup), ['all', 'crit', 'slack#2', 'mail']);
  const edge = makeAlert({ device: { name: 'x', host: 'h', platform: 'p', group: 'dist', tags: ['edge'] } });
  assert.deepEqual(ids(edge), ['all', 'crit', 'slack#2', 'edge-crit', 'mail']);
});

test('channel identity, duplicates and secret-free descriptions', () => {
  assert.equal(channelId(slack(), 4), 'slack#4');
  assert.equal(channelId(slack({ name: 'ops' }), 4), 'ops');
  assert.deepEqual([...channelMap(channels).keys()], ['all', 'crit', 'slack#2', 'core', 'edge-crit', 'mail']);
  assert.throws(() => channelMap([slack({ name: 'x' }), slack({ name: 'x' })]), /unique/);
  assert.throws(() => channelMap([slack(), slack({ name: 'slack#0' })]), /unique/);
  assert.equal(describeChannel(channels[0]!), 'slack (hooks.slack.com)');
  assert.equal(describeChannel(channels[5]!), 'email (smtp:25)');
});

test('notices go only to channels with notices: true, whatever their min_severity', () => {
  const list: ChannelConfig[] = [slack({ name: 'quiet' }), slack({ name: 'noisy', notices: true, min_severity: 'critical' }), slack({ name: 'core-noisy', notices: true, groups: ['edge'] })];
  const notice = makeAlert({ kind: 'drift-authorized', severity: 'info', notice: true });
  assert.deepEqual(channelsFor(notice, list).map((r) => r.id), ['noisy']);
  assert.deepEqual(channelsFor(makeAlert({ kind: 'expectation-expired', severity: 'warning', notice: true }), list).map((r) => r.id), ['noisy']);
  // Not a notice: every channel hears it as before (notices: true does not filter alerts out).
  assert.deepEqual(channelsFor(makeAlert(), list).map((r) => r.id), ['quiet', 'noisy']);
});
