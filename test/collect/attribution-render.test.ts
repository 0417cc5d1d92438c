/** Attribution on its way out: git author name from a hostile device user, alert text, status lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commitAuthorName } from '../../src/store/commit-message.js';
import { attributionText, typedCommandsText } from '../../src/notify/attribution.js';
import { attributionLines } from '../../src/cli/format/status-view.js';
import { makePaint } from '../../src/cli/format/colour.js';
import type { DeviceStatus } from '../../src/app/use-cases/status.js';

test('author name: the device user, without ident-breaking characters, bounded; nothing printable: none', () => {
  assert.equal(commitAuthorName('jdoe'), 'jdoe');
  assert.equal(commitAuthorName('eve <evil@x>\ncommitter root'), 'eve evil@x committer root');
  assert.equal(commitAuthorName('a\u202eb\x00c'), 'a b c');
  assert.equal(commitAuthorName('u'.repeat(500))!.length, 64);
  assert.equal(commitAuthorName('<>'), undefined);
  assert.equal(commitAuthorName(' .. '), undefined);
  assert.equal(commitAuthorName(undefined), undefined);
});

test('alert text: user from address via channel at time; typed commands unless stale', () => {
  assert.equal(attributionText({ user: 'jdoe', source: '10.0.0.9', via: 'ssh', at: '03:12 UTC' }), 'jdoe from 10.0.0.9 via ssh at 03:12 UTC');
  assert.equal(typedCommandsText({ user: 'jdoe', commands: ['username backdoor privilege 15 secret <masked>', 'end'] }), 'username backdoor privilege 15 secret <masked> ; end');
  assert.equal(typedCommandsText({ user: 'jdoe', commands: ['x'], stale: true }), undefined, 'a stale stamp is another change');
});

test('status: one attribution line per platform shown', () => {
  const row = (name: string, platform: string, attribution: string) => ({ name, platform, attribution }) as DeviceStatus;
  const lines = attributionLines([row('a', 'cisco_ios', 'config + show archive log config all'), row('b', 'cisco_ios', 'config + show archive log config all'), row('c', 'linux', 'none')], makePaint(false));
  assert.deepEqual(lines, ['attribution: config + show archive log config all (cisco_ios, 2 devices)', 'attribution: none (linux, 1 device)']);
});
