/**
 * The store's urgent lane (a syslog-announced pull jumps the queue of a scheduled cycle's
 * batches), the superseded check at write time, and the store HEAD a writer may record beside
 * others. Order is asserted by the commits on the branch, never by time.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Archive, type SnapshotToCommit } from '../../src/store/archive.js';
import { BatchCommitter } from '../../src/collect/batch-committer.js';
import { cleanupTempDirs, git, isolateHome, tempDir } from './git-helpers.js';

const snap = (device: string, text: string, extra: Partial<SnapshotToCommit> = {}): SnapshotToCommit => ({ device, platform: 'cisco_ios', path: `${device}.cfg`, text, ...extra });

/** Devices of the commits after `since`, oldest first (the subject starts with the device name). */
function devicesInOrder(dir: string, since: string): string[] {
  return git(dir, 'log', '--reverse', '--format=%s', `${since}..HEAD`)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((s) => s.split(':')[0]!);
}

before(() => {
  isolateHome();
});
after(cleanupTempDirs);

test('an urgent batch is written after the running batch and before every queued normal one', async () => {
  const archive = await Archive.open(tempDir());
  const start = await archive.head();
  const running = archive.commitSnapshots([snap('a1', 'a1 v1\n'), snap('a2', 'a2 v1\n')]);
  const queued = [archive.commitSnapshots([snap('b1', 'b1 v1\n')]), archive.commitSnapshots([snap('b2', 'b2 v1\n')])];
  const urgent = [archive.commitSnapshots([snap('u1', 'u1 v1\n')], undefined, { urgent: true }), archive.commitSnapshots([snap('u2', 'u2 v1\n')], undefined, { urgent: true })];
  await Promise.all([running, ...queued, ...urgent]);
  assert.deepEqual(devicesInOrder(archive.dir, start), ['a1', 'a2', 'u1', 'u2', 'b1', 'b2']);
  assert.equal(git(archive.dir, 'rev-list', '--max-parents=1', '--min-parents=2', 'HEAD').trim(), '', 'one line of history: no merges');
});

test('an urgent committer writes in the urgent lane, without waiting for a flush', async () => {
  const archive = await Archive.open(tempDir());
  const start = await archive.head();
  const running = archive.commitSnapshots([snap('a1', 'a1 v1\n')]);
  const queued = archive.commitSnapshots([snap('b1', 'b1 v1\n')]);
  const urgent = new BatchCommitter(archive, { urgent: true });
  const [r] = await Promise.all([urgent.add(snap('u1', 'u1 v1\n')), running, queued]);
  assert.ok(r.commit);
  assert.deepEqual(devicesInOrder(archive.dir, start), ['a1', 'u1', 'b1']);
});

test('a queued snapshot superseded before its batch is written is dropped: the newer text stays', async () => {
  const archive = await Archive.open(tempDir());
  await archive.commitSnapshots([snap('x', 'x v0\n')]);
  const start = await archive.head();
  let newerPullStarted = false;
  const running = archive.commitSnapshots([snap('a1', 'a1 v1\n')]);
  // The scheduled cycle's older text of x, queued while a1 is written...
  const older = archive.commitSnapshots([snap('x', 'x v1 (older pull)\n', { superseded: () => newerPullStarted }), snap('b1', 'b1 v1\n', { superseded: () => false })]);
  // ...then a syslog pull of x starts (and jumps the queue).
  newerPullStarted = true;
  const newer = archive.commitSnapshots([snap('x', 'x v2 (syslog pull)\n')], undefined, { urgent: true });
  const [, olderResults, [n]] = await Promise.all([running, older, newer]);
  assert.equal(olderResults[0]!.superseded, true);
  assert.equal(olderResults[0]!.commit, null);
  assert.ok(olderResults[1]!.commit, 'the rest of the batch is written');
  assert.ok(n!.commit);
  assert.equal(await archive.read('x.cfg'), 'x v2 (syslog pull)\n');
  assert.deepEqual(devicesInOrder(archive.dir, start), ['a1', 'x', 'b1']);
});

test('beside another writer with unrecorded commits, the HEAD to record stops before its first one', async () => {
  const archive = await Archive.open(tempDir());
  const scheduled = {};
  const syslog = {};
  const start = await archive.head();
  await archive.commitSnapshots([snap('s1', 's1 v1\n')], undefined, { writer: scheduled });
  const [[u]] = await Promise.all([archive.commitSnapshots([snap('u1', 'u1 v1\n')], undefined, { urgent: true, writer: syslog })]);
  await archive.commitSnapshots([snap('s2', 's2 v1\n')], undefined, { writer: scheduled });
  // The syslog pull records first: the scheduled cycle's s1 and s2 are not in the state yet.
  assert.equal(await archive.headToRecord(syslog), start);
  // The scheduled cycle records last: everything is recorded now.
  assert.equal(await archive.headToRecord(scheduled), await archive.head());
  assert.ok(u!.commit);
  // A writer alone records the HEAD itself.
  const alone = {};
  const [r] = await archive.commitSnapshots([snap('s3', 's3 v1\n')], undefined, { writer: alone });
  assert.equal(await archive.headToRecord(alone), r!.commit);
});
