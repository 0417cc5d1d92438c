import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizeDrift, type Authorization, type DriftToAuthorize } from '../../src/authorize/authorize-drift.js';
import { changeTicketsAt, isExpiredUnused, type Expectation } from '../../src/authorize/expectation.js';
import { expiredUnusedNotice } from '../../src/authorize/notices.js';
import { compileWindow } from '../../src/authorize/windows.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const edge = { name: 'edge-r1', group: 'core', tags: ['pe'] };
const base = { timezone: 'UTC', devices: [], groups: [], tags: [] };
const openNonCritical = compileWindow({ ...base, name: 'nightly', cron: '0 11 * * *', duration: '2h', authorize: 'non-critical' });
const openAll = compileWindow({ ...base, name: 'migration', start: '2026-06-01T10:00:00Z', end: '2026-06-01T14:00:00Z', authorize: 'all' });
const closed = compileWindow({ ...base, name: 'sunday', cron: '0 2 * * 0', duration: '1h', authorize: 'all' });
const otherDevice = compileWindow({ ...base, name: 'elsewhere', cron: '0 11 * * *', duration: '2h', authorize: 'all', devices: ['sw9'] });

let nextId = 1;
function exp(over: Partial<Expectation> = {}): Expectation {
  return {
    id: nextId++,
    target: { kind: 'devices', devices: ['edge-r1'] },
    ticket: 'CHG-123',
    lines: [],
    note: null,
    by: 'alice',
    createdAt: new Date('2026-06-01T08:00:00Z'),
    until: new Date('2026-06-01T18:00:00Z'),
    cancelledAt: null,
    cancelledBy: null,
    usedOn: [],
    expiryNotifiedAt: null,
    ...over,
  };
}

const descriptions = { added: [' description uplink to dist-2'], removed: [' description uplink to dist-1'] };
const newUser = { added: ['username backdoor privilege 15 secret 5 <masked>'], removed: [] };
const both = { added: [...descriptions.added, ...newUser.added], removed: descriptions.removed };

function decide(over: Partial<DriftToAuthorize>): Authorization {
  return authorizeDrift({ device: edge, now: NOW, severity: 'warning', changedLines: descriptions, windows: [], expectations: [], ...over });
}

type Want = { by: string } | { unauthorized: true; refusedBy?: string[]; uncovered?: { added: string[]; removed: string[] } };

test('authorizeDrift: every branch', () => {
  const descTicket = exp({ ticket: 'CHG-7', lines: ['^description '] });
  const cases: Array<[string, Partial<DriftToAuthorize>, Want]> = [
    ['nothing applies', {}, { unauthorized: true, refusedBy: [] }],
    ['warning inside a non-critical window', { windows: [openNonCritical] }, { by: 'window:nightly' }],
    ['critical inside a non-critical window', { windows: [openNonCritical], severity: 'critical', changedLines: newUser }, { unauthorized: true, refusedBy: ['nightly'] }],
    ['critical inside an authorize: all window', { windows: [openNonCritical, openAll], severity: 'critical', changedLines: newUser }, { by: 'window:migration' }],
    ['window closed at now', { windows: [closed] }, { unauthorized: true, refusedBy: [] }],
    ['window open but for another device', { windows: [otherDevice] }, { unauthorized: true, refusedBy: [] }],
    ['expectation without --lines covers a critical diff', { expectations: [exp()], severity: 'critical', changedLines: both }, { by: 'ticket:CHG-123' }],
    ['expectation wins over a window (it names a ticket)', { expectations: [exp()], windows: [openAll] }, { by: 'ticket:CHG-123' }],
    ['--lines covering every changed line', { expectations: [descTicket] }, { by: 'ticket:CHG-7' }],
    ['--lines leaves a new user unauthorized', { expectations: [descTicket], changedLines: both, severity: 'critical' }, { unauthorized: true, uncovered: { added: newUser.added, removed: [] } }],
    [
      'two expectations with --lines together cover the diff',
      { expectations: [descTicket, exp({ ticket: 'CHG-8', lines: ['^username \\S+ privilege'] })], changedLines: both },
      { by: 'ticket:CHG-7,CHG-8' },
    ],
    ['partly covered, but a non-critical window takes the rest', { expectations: [descTicket], changedLines: both, windows: [openNonCritical] }, { by: 'window:nightly' }],
    [
      'partly covered and the window refuses a critical change',
      { expectations: [descTicket], changedLines: both, windows: [openNonCritical], severity: 'critical' },
      { unauthorized: true, refusedBy: ['nightly'], uncovered: { added: newUser.added, removed: [] } },
    ],
    ['expectation for another device', { expectations: [exp({ target: { kind: 'devices', devices: ['sw1'] } })] }, { unauthorized: true }],
    ['expectation by group', { expectations: [exp({ target: { kind: 'group', group: 'core' } })] }, { by: 'ticket:CHG-123' }],
    ['expectation by tag', { expectations: [exp({ target: { kind: 'tag', tag: 'pe' } })] }, { by: 'ticket:CHG-123' }],
    ['expectation by another tag', { expectations: [exp({ target: { kind: 'tag', tag: 'lab' } })] }, { unauthorized: true }],
    ['expired expectation', { expectations: [exp({ until: NOW })] }, { unauthorized: true }],
    ['expectation created after the drift was seen', { expectations: [exp({ createdAt: new Date('2026-06-01T12:00:01Z') })] }, { unauthorized: true }],
    ['cancelled expectation', { expectations: [exp({ cancelledAt: new Date('2026-06-01T11:00:00Z') })] }, { unauthorized: true }],
    ['cancelled after the drift was seen still counts', { expectations: [exp({ cancelledAt: new Date('2026-06-01T13:00:00Z') })] }, { by: 'ticket:CHG-123' }],
    ['an invalid stored pattern covers nothing', { expectations: [exp({ lines: ['(unclosed'] })] }, { unauthorized: true }],
    ['an over-long line is never covered', { expectations: [exp({ lines: ['^description'] })], changedLines: { added: [' description ' + 'x'.repeat(5000)], removed: [] } }, { unauthorized: true }],
    ['--lines with nothing changed covers nothing', { expectations: [descTicket], changedLines: { added: [], removed: [] } }, { unauthorized: true }],
  ];
  for (const [name, input, want] of cases) {
    const got = decide(input);
    if ('by' in want) {
      assert.equal(got.authorized, true, name);
      assert.equal(got.authorized && got.by, want.by, name);
    } else {
      assert.equal(got.authorized, false, name);
      if (got.authorized) continue;
      if (want.refusedBy) assert.deepEqual(got.refusedBy, want.refusedBy, name);
      if (want.uncovered) assert.deepEqual(got.partly?.uncovered, want.uncovered, name);
      else assert.equal(got.partly, undefined, name);
    }
  }
});

test('results carry ids, tickets and notice texts for state, tags and channels', () => {
  const e = exp({ id: 42, ticket: 'CHG-9' });
  const byTicket = decide({ expectations: [e] });
  assert.deepEqual(byTicket.authorized && byTicket.via === 'expectation' && { ids: byTicket.expectations, tickets: byTicket.tickets, notice: byTicket.notice }, {
    ids: [{ id: 42, ticket: 'CHG-9' }],
    tickets: ['CHG-9'],
    notice: 'edge-r1: change authorized by CHG-9 (+1 -1 lines)',
  });
  const byWindow = decide({ windows: [openNonCritical] });
  assert.deepEqual(byWindow.authorized && byWindow.via === 'window' && [byWindow.window, byWindow.notice], ['nightly', 'edge-r1: change authorized by maintenance window nightly (+1 -1 lines)']);
  const partly = decide({ expectations: [exp({ ticket: 'CHG-7', lines: ['description'] })], changedLines: both, windows: [openNonCritical], severity: 'critical' });
  assert.equal(partly.authorized, false);
  assert.deepEqual(!partly.authorized && partly.notes, [
    'CHG-7 covers 2 of 3 changed lines; the other 1 are not expected',
    'inside maintenance window nightly, but a critical change needs a window with authorize: all',
  ]);
});

test('tickets for the Change-Ticket trailer: active at pull time, for this device, unique', () => {
  const pulledAt = NOW;
  const list = [
    exp({ id: 1, ticket: 'CHG-1' }),
    exp({ id: 2, ticket: 'CHG-1', target: { kind: 'group', group: 'core' } }),
    exp({ id: 3, ticket: 'CHG-2', target: { kind: 'tag', tag: 'pe' } }),
    exp({ id: 4, ticket: 'CHG-3', until: new Date('2026-06-01T11:00:00Z') }),
    exp({ id: 5, ticket: 'CHG-4', target: { kind: 'devices', devices: ['sw1'] } }),
  ];
  assert.deepEqual(changeTicketsAt(edge, list, pulledAt), ['CHG-1', 'CHG-2']);
  assert.deepEqual(changeTicketsAt({ name: 'sw1', tags: [] }, list, pulledAt), ['CHG-4']);
});

test('expired unused: once ended, never used, not cancelled first, not yet notified', () => {
  const after = new Date('2026-06-01T18:00:00Z');
  const cases: Array<[string, Partial<Expectation>, Date, boolean]> = [
    ['ended unused', {}, after, true],
    ['still active', {}, NOW, false],
    ['used', { usedOn: ['edge-r1'] }, after, false],
    ['cancelled before its end', { cancelledAt: new Date('2026-06-01T13:00:00Z') }, after, false],
    ['already notified', { expiryNotifiedAt: after }, after, false],
  ];
  for (const [name, over, now, want] of cases) assert.equal(isExpiredUnused(exp(over), now), want, name);
  assert.equal(expiredUnusedNotice(exp({ ticket: 'CHG-123' })), 'CHG-123 expired, no change seen on edge-r1');
  assert.equal(expiredUnusedNotice(exp({ target: { kind: 'group', group: 'core' } })), 'CHG-123 expired, no change seen on group core');
});

test('changedLinesOf reads a stored unified diff: header skipped, a config line starting with ++ kept', async () => {
  const { changedLinesOf } = await import('../../src/authorize/changed-lines.js');
  const diff = ['--- a/edge-r1.cfg\tbaseline', '+++ b/edge-r1.cfg\tcurrent', '@@ -1,3 +1,3 @@ interface Gi0/1', ' interface Gi0/1', '- description old', '+ description new', '+++weird', ' !', ''].join('\n');
  assert.deepEqual(changedLinesOf(diff), { added: [' description new', '++weird'], removed: [' description old'] });
});
