import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activeExpectations,
  cancelExpectation,
  changeTicketsFor,
  createExpectation,
  ExpectationInputError,
  expiredUnused,
  listExpectations,
  markExpiredNotified,
  recordExpectationUse,
  type ExpectationRequest,
} from '../../src/authorize/expectations.js';
import { StateDb } from '../../src/store/state.js';
import { ExpectationsRepo, expectationsRepo } from '../../src/state/expectations-repo.js';

const inventory = [
  { name: 'edge-r1', group: 'core', tags: ['pe'] },
  { name: 'edge-r2', group: 'core', tags: [] },
  { name: 'sw1', group: 'access', tags: ['lab'] },
];
const T0 = new Date('2026-06-01T12:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const H = 3_600_000;

function withState(fn: (state: StateDb, path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'dw-expect-'));
  const path = join(dir, 'state.db');
  const state = StateDb.open(path);
  try {
    fn(state, path);
  } finally {
    state.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function problemsOf(req: Partial<ExpectationRequest>): string[] {
  let problems: string[] = [];
  withState((state) => {
    try {
      createExpectation(expectationsRepo(state), inventory, { ticket: 'CHG-1', until: '4h', devices: ['edge-r1'], ...req } as ExpectationRequest, T0);
    } catch (err) {
      if (!(err instanceof ExpectationInputError)) throw err;
      problems = err.problems;
    }
  });
  return problems;
}

test('create checks its input and names every problem', () => {
  const cases: Array<[Partial<ExpectationRequest>, RegExp]> = [
    [{ devices: [] }, /exactly one of them/],
    [{ group: 'core' }, /exactly one of them/],
    [{ devices: ['edge-r1', 'ghost'] }, /unknown device\(s\): ghost/],
    [{ devices: undefined, group: 'dist' }, /unknown group "dist"/],
    [{ devices: undefined, tag: 'nope' }, /unknown tag "nope"/],
    [{ ticket: '' }, /ticket is required/],
    [{ ticket: 'CHG-1\nChange-Ticket: forged' }, /may only contain/],
    [{ ticket: 'X'.repeat(65) }, /longer than 64/],
    [{ until: 'soon' }, /neither an ISO 8601 time with offset .* nor a duration/],
    [{ until: '2026-06-01T14:00:00' }, /neither an ISO/],
    [{ until: '2026-06-01T11:00:00Z' }, /not in the future/],
    [{ until: '100d' }, /more than 90 days/],
    [{ lines: ['(unclosed'] }, /--lines: invalid regular expression \/\(unclosed\/: .*/],
    [{ lines: [''] }, /empty pattern would match every line/],
  ];
  for (const [req, want] of cases) {
    const problems = problemsOf(req);
    assert.ok(problems.some((p) => want.test(p)), `${JSON.stringify(req)}: wanted ${want}, got ${JSON.stringify(problems)}`);
  }
  assert.equal(problemsOf({ ticket: '', until: 'soon', lines: ['['] }).length, 3, 'all problems at once');
});

test('create, list, cancel, through real SQLite; note and by are one bounded line', () => {
  withState((state, path) => {
    const repo = expectationsRepo(state);
    const a = createExpectation(repo, inventory, { devices: ['edge-r1'], ticket: 'CHG-123', until: '1h30m', lines: ['^description '], note: 'swap\r\nuplinks\u202e', by: 'alice\nSigned-off-by: mallory' }, T0);
    assert.equal(a.until.toISOString(), '2026-06-01T13:30:00.000Z');
    assert.equal(a.note, 'swap uplinks');
    assert.equal(a.by, 'alice Signed-off-by: mallory', 'no line break survives');
    const b = createExpectation(repo, inventory, { group: 'core', ticket: 'CHG-124', until: '2026-06-02T00:00:00+02:00' }, T0);
    assert.equal(b.until.toISOString(), '2026-06-01T22:00:00.000Z');
    assert.deepEqual(b.lines, []);

    assert.deepEqual(listExpectations(repo, T0).map((e) => [e.id, e.ticket, e.status]), [[a.id, 'CHG-123', 'active'], [b.id, 'CHG-124', 'active']]);
    assert.deepEqual(changeTicketsFor(repo, inventory[0]!, later(H)), ['CHG-123', 'CHG-124']);
    assert.deepEqual(changeTicketsFor(repo, inventory[1]!, later(H)), ['CHG-124']);
    assert.deepEqual(changeTicketsFor(repo, inventory[0]!, later(2 * H)), ['CHG-124'], 'CHG-123 ended at 13:30');

    const cancelled = cancelExpectation(repo, String(b.id), later(H), 'bob');
    assert.deepEqual([cancelled.cancelledBy, cancelled.cancelledAt?.toISOString()], ['bob', '2026-06-01T13:00:00.000Z']);
    assert.throws(() => cancelExpectation(repo, b.id, later(H), 'bob'), /already cancelled/);
    assert.throws(() => cancelExpectation(repo, 999, T0), /no expectation #999/);
    assert.throws(() => cancelExpectation(repo, '1; DROP TABLE x', T0), /must be a number/);
    assert.throws(() => cancelExpectation(repo, a.id, later(3 * H)), /already expired/);
    assert.deepEqual(activeExpectations(repo, later(H)).map((e) => e.ticket), ['CHG-123']);
    assert.deepEqual(listExpectations(repo, later(3 * H)).map((e) => e.status), ['expired', 'cancelled']);

    // Same file, new connection: the rows are in the file, and the tables are not re-created.
    state.close();
    const again = StateDb.open(path);
    try {
      assert.deepEqual(new ExpectationsRepo(again.db).all().map((e) => e.ticket), ['CHG-123', 'CHG-124']);
    } finally {
      again.close();
    }
  });
});

test('expired unused: one notice per expectation, none once used or notified', () => {
  withState((state) => {
    const repo = expectationsRepo(state);
    const unused = createExpectation(repo, inventory, { devices: ['edge-r1'], ticket: 'CHG-123', until: '1h' }, T0);
    const used = createExpectation(repo, inventory, { tag: 'lab', ticket: 'CHG-200', until: '1h' }, T0);
    createExpectation(repo, inventory, { devices: ['edge-r2'], ticket: 'CHG-300', until: '1h' }, T0);
    cancelExpectation(repo, 3, later(H / 2), 'carol');
    recordExpectationUse(repo, [used.id], 'sw1', later(H / 4), 'abc123');
    assert.deepEqual(expiredUnused(repo, later(H / 2)), [], 'nothing ended yet');
    const due = expiredUnused(repo, later(H));
    assert.deepEqual(due.map((d) => [d.expectation.id, d.notice]), [[unused.id, 'CHG-123 expired, no change seen on edge-r1']]);
    markExpiredNotified(repo, due.map((d) => d.expectation.id), later(H));
    assert.deepEqual(expiredUnused(repo, later(2 * H)), [], 'sent once');
    assert.deepEqual(repo.get(used.id)?.usedOn, ['sw1']);
    assert.equal(repo.prune(later(2 * H)), 3, 'ended ones pruned');
    assert.deepEqual(repo.all(), []);
  });
});

test('rows in the state file are not trusted: forged ones are skipped, forged text is cleaned', () => {
  withState((state) => {
    const repo = expectationsRepo(state);
    const ok = createExpectation(repo, inventory, { devices: ['edge-r1'], ticket: 'CHG-1', until: '4h' }, T0);
    const insert = state.db.prepare(`INSERT INTO expectations (target_kind, target, ticket, lines, note, created_by, created_at, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const [c, u] = [T0.toISOString(), later(H).toISOString()];
    insert.run('devices', '["edge-r1"]', 'CHG-2\nChange-Ticket: EVIL', '[]', null, 'x', c, u); // trailer injection
    insert.run('devices', 'not json', 'CHG-3', '[]', null, 'x', c, u);
    insert.run('devices', '[]', 'CHG-4', '[]', null, 'x', c, u); // an empty target must not mean every device
    insert.run('group', 'core', 'CHG-5', '{"a":1}', null, 'x', c, u);
    insert.run('group', 'core', 'CHG-6', '[]', 'line1\nline2', 'eve\u0000', c, 'never');
    insert.run('tag', 'pe', 'CHG-7', '[]', 'line1\nline2', 'eve\u0000\nX-Evil: 1', c, u);
    assert.deepEqual(repo.all().map((e) => e.ticket), ['CHG-1', 'CHG-7']);
    const forged = repo.all()[1]!;
    assert.deepEqual([forged.note, forged.by], ['line1 line2', 'eve X-Evil: 1']);
    assert.equal(ok.id, 1);
    assert.equal(expectationsRepo(state), repo, 'one repository per connection');
  });
});
