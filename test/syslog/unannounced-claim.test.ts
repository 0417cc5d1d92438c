/** The unannounced-change decision and the syslog claim merged into attribution. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventWindow, unannouncedChange, UNANNOUNCED_NOTE } from '../../src/syslog/unannounced.js';
import { attributionTrailers, claimOf, mergeAttribution } from '../../src/syslog/claim.js';

test('a changed config with no announcement on an announcing device is unannounced', () => {
  const base = { device: {}, announcedBefore: true, eventsSinceLastPull: 0, configChanged: true };
  assert.deepEqual(unannouncedChange(base), { unannounced: true, note: UNANNOUNCED_NOTE, severity: 'critical' });
  assert.equal(unannouncedChange({ ...base, eventsSinceLastPull: 1 }).unannounced, false, 'announced');
  assert.equal(unannouncedChange({ ...base, configChanged: false }).unannounced, false, 'nothing changed');
  assert.equal(unannouncedChange({ ...base, announcedBefore: false }).unannounced, false, 'never announces');
  assert.equal(unannouncedChange({ ...base, announcedBefore: false, device: { announces_changes: true } }).unannounced, true, 'marked in the inventory');
  assert.equal(unannouncedChange({ ...base, device: { announces_changes: false } }).unannounced, false, 'marked as silent');
  assert.match(UNANNOUNCED_NOTE, /not announced by syslog: logging may be disabled or tampered with/);
  const w = eventWindow(new Date('2026-11-25T07:00:00Z'), new Date('2026-11-25T07:15:00Z'));
  assert.deepEqual([w.from.toISOString(), w.to.toISOString()], ['2026-11-25T06:59:00.000Z', '2026-11-25T07:15:00.000Z']);
});

test('the claim of a burst; device attribution wins, syslog fills gaps and is labelled', () => {
  const mk = (user: string | undefined, at: string) => ({
    device: 'r1',
    event: { kind: 'configured' as const, code: '%SYS-5-CONFIG_I', user, source: '10.0.0.9', line: 'vty0' },
    receivedAt: at,
    sender: '10.0.0.1',
    transport: 'udp' as const,
    raw: 'x',
  });
  const claim = claimOf([mk('alice', '2026-11-25T07:40:00.000Z'), mk('jdoe', '2026-11-25T07:40:01.000Z'), mk(undefined, '2026-11-25T07:40:02.000Z')]);
  assert.deepEqual([claim.user, claim.users, claim.firstAt, claim.lastAt, claim.messages], ['jdoe', ['alice', 'jdoe'], '2026-11-25T07:40:00.000Z', '2026-11-25T07:40:02.000Z', 3]);
  const merged = mergeAttribution(undefined, claim);
  assert.deepEqual(merged, { user: 'jdoe', source: '10.0.0.9', at: '2026-11-25T07:40:02.000Z', via: 'vty0', fromSyslog: ['user', 'source', 'at', 'via'] });
  assert.deepEqual(attributionTrailers(merged), {
    'Changed-By': 'jdoe',
    'Changed-At': '2026-11-25T07:40:02.000Z',
    'Change-Source': '10.0.0.9',
    'Change-Via': 'vty0',
    'Change-Claimed-By': 'syslog (unverified: user, source, at, via)',
  });
  const own = mergeAttribution({ user: 'admin', at: '07:39:59 UTC Wed Nov 25 2026' }, claim);
  assert.equal(own.user, 'admin');
  assert.deepEqual(own.fromSyslog, ['source', 'via']);
  assert.deepEqual(mergeAttribution({ user: 'admin' }, undefined), { user: 'admin', fromSyslog: [] });
});

test('checkUnannounced reads the events of the window since the previous pull', async () => {
  const { StateDb } = await import('../../src/store/state.js');
  const { EventsRepo } = await import('../../src/state/events-repo.js');
  const { checkUnannounced } = await import('../../src/syslog/unannounced.js');
  const state = StateDb.open(':memory:');
  const repo = new EventsRepo(state.db);
  const ev = (at: string) => ({ device: 'r1', event: { kind: 'configured' as const, code: '%SYS-5-CONFIG_I' }, receivedAt: at, sender: '10.0.0.1', transport: 'udp' as const, raw: 'x' });
  const r1 = { name: 'r1' };
  const prev = new Date('2026-11-25T07:00:00Z');
  const now = new Date('2026-11-25T07:15:00Z');
  assert.equal(checkUnannounced(repo, r1, prev, now).unannounced, false, 'never announced: no opinion');
  repo.record(ev('2026-11-25T06:00:00.000Z'));
  assert.equal(checkUnannounced(repo, r1, prev, now).unannounced, true, 'announced before, silent since the previous pull');
  repo.record(ev('2026-11-25T07:10:00.000Z'));
  assert.equal(checkUnannounced(repo, r1, prev, now).unannounced, false, 'announced this time');
  assert.equal(checkUnannounced(repo, { name: 'r9', announces_changes: true }, prev, now).unannounced, true);
  assert.equal(checkUnannounced(repo, { name: 'r9', announces_changes: true }, prev, now, false).unannounced, false);
  state.close();
});
