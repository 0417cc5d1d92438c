import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Archive, type SnapshotToCommit } from '../../src/store/archive.js';
import { cleanupTempDirs, git, gitBytes, gitFails, isolateHome, tempDir } from './git-helpers.js';

const snap = (device: string, text: string, extra: Partial<SnapshotToCommit> = {}): SnapshotToCommit => ({
  device,
  platform: 'cisco_ios',
  path: `core/${device}.cfg`,
  text,
  ...extra,
});

const cfg = (host: string, ...body: string[]) => [`hostname ${host}`, ...body, 'end', ''].join('\n');

function count(dir: string): number {
  return Number(git(dir, 'rev-list', '--count', 'HEAD').trim());
}

function tmpLeftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      if (e.name.startsWith('.driftwatch-tmp-')) found.push(join(d, e.name));
      if (e.isDirectory()) walk(join(d, e.name));
    }
  };
  walk(dir);
  return found;
}

before(() => {
  isolateHome();
});
after(cleanupTempDirs);

describe('Archive.open', () => {
  test('creates folder and repo on branch main with a README commit, no git identity configured', async () => {
    const dir = join(tempDir(), 'nested', 'store');
    const archive = await Archive.open(dir);
    assert.equal(git(dir, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
    assert.equal(count(dir), 1);
    assert.equal(git(dir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%s').trim(), 'driftwatch <driftwatch@localhost>|driftwatch <driftwatch@localhost>|Initialize driftwatch store');
    assert.match(git(dir, 'show', 'HEAD:README.md'), /driftwatch store/);
    assert.equal(git(dir, 'status', '--porcelain'), '');
    // No hooks from a template directory.
    assert.ok(!existsSync(join(dir, '.git', 'hooks')) || readdirSync(join(dir, '.git', 'hooks')).length === 0);
    assert.equal(await archive.head(), git(dir, 'rev-parse', 'HEAD').trim());
    // Opening again changes nothing.
    const again = await Archive.open(dir);
    assert.equal(await again.head(), await archive.head());
    assert.equal(count(dir), 1);
  });

  test('an existing folder with a README (like the project store/ dir) keeps it as the first commit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), '# my store\n');
    await Archive.open(dir);
    assert.equal(git(dir, 'show', 'HEAD:README.md'), '# my store\n');
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  test('a store folder inside another repository gets its own repository; the parent is untouched', async () => {
    const parent = tempDir();
    git(parent, 'init', '-q');
    const dir = join(parent, 'store');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), '# store\n');
    const archive = await Archive.open(dir);
    await archive.commitSnapshots([snap('sw1', 'x\n')]);
    assert.equal(git(dir, 'rev-parse', '--show-toplevel').trim(), dir);
    assert.ok(gitFails(parent, 'rev-parse', '--verify', 'HEAD'), 'no commit in the parent');
    assert.equal(count(dir), 2);
  });

  test("ignores the operator's global config, hooks, templates and ambient GIT_* variables", async () => {
    const home = process.env.HOME!;
    const hooks = join(home, 'hooks');
    const template = join(home, 'template', 'hooks');
    mkdirSync(hooks, { recursive: true });
    mkdirSync(template, { recursive: true });
    const marker = join(home, 'hook-ran');
    for (const d of [hooks, template]) {
      for (const h of ['pre-commit', 'post-commit', 'reference-transaction', 'post-index-change']) {
        writeFileSync(join(d, h), `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`, { mode: 0o755 });
      }
    }
    writeFileSync(
      join(home, '.gitconfig'),
      `[user]\n\tname = Mallory\n\temail = mallory@evil\n[core]\n\thooksPath = ${hooks}\n\tautocrlf = true\n[init]\n\ttemplateDir = ${join(home, 'template')}\n\tdefaultBranch = trunk\n[tag]\n\tgpgSign = true\n[commit]\n\tgpgSign = true\n`,
    );
    const elsewhere = tempDir();
    process.env.GIT_DIR = join(elsewhere, 'not-a-repo');
    process.env.GIT_INDEX_FILE = join(elsewhere, 'index');
    process.env.GIT_WORK_TREE = elsewhere;
    try {
      const dir = tempDir();
      const archive = await Archive.open(dir);
      const text = 'hostname r1\r\ninterface x\r\n';
      const [r] = await archive.commitSnapshots([snap('r1', text)]);
      await archive.tag('approved-r1', r!.commit!, 'ok');
      assert.equal(existsSync(marker), false, 'no hook ran');
      assert.equal(git(dir, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
      assert.equal(git(dir, 'log', '-1', '--format=%an <%ae>').trim(), 'driftwatch <driftwatch@localhost>');
      assert.deepEqual(gitBytes(dir, 'cat-file', 'blob', 'HEAD:core/r1.cfg'), Buffer.from(text));
      assert.deepEqual(readFileSync(join(dir, 'core/r1.cfg')), Buffer.from(text));
      assert.equal(git(dir, 'cat-file', '-t', 'refs/tags/approved-r1').trim(), 'tag');
      assert.equal(readdirSync(elsewhere).length, 0, 'nothing written to GIT_DIR/GIT_WORK_TREE from the environment');
    } finally {
      delete process.env.GIT_DIR;
      delete process.env.GIT_INDEX_FILE;
      delete process.env.GIT_WORK_TREE;
      writeFileSync(join(home, '.gitconfig'), '');
    }
  });
});

describe('commitSnapshots', () => {
  test('one commit per changed device, in input order, with subject, trailers and author', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const when = new Date('2024-05-01T10:20:30Z');
    const results = await archive.commitSnapshots(
      [
        snap('sw1', cfg('sw1', 'interface Gi1', ' description up')),
        snap('sw2', cfg('sw2'), { platform: 'juniper_junos', path: 'sw2.cfg', trailers: { 'Changed-By': 'alice', 'Changed-From': '10.0.0.5' } }),
      ],
      when,
    );
    assert.deepEqual(
      results.map((r) => [r.device, r.path, r.added, r.removed]),
      [
        ['sw1', 'core/sw1.cfg', 4, 0],
        ['sw2', 'sw2.cfg', 2, 0],
      ],
    );
    const log = git(dir, 'log', '--reverse', '--format=%H|%an <%ae>|%cn <%ce>|%cI|%s|%(trailers:key=Device,valueonly,separator=,)|%(trailers:key=Platform,valueonly,separator=,)', 'HEAD~2..HEAD')
      .trim()
      .split('\n')
      .map((l) => l.split('|'));
    assert.deepEqual(
      log.map((f) => f.slice(1)),
      [
        ['driftwatch <driftwatch@localhost>', 'driftwatch <driftwatch@localhost>', '2024-05-01T10:20:30+00:00', 'sw1: +4 -0 lines', 'sw1', 'cisco_ios'],
        ['driftwatch <driftwatch@localhost>', 'driftwatch <driftwatch@localhost>', '2024-05-01T10:20:30+00:00', 'sw2: +2 -0 lines', 'sw2', 'juniper_junos'],
      ],
    );
    assert.deepEqual(log.map((f) => f[0]), [results[0]!.commit, results[1]!.commit]);
    assert.equal(git(dir, 'rev-parse', 'HEAD').trim(), results[1]!.commit);
    // Full message as a person sees it; the commits are a chain (sw2's parent is sw1's commit).
    assert.equal(git(dir, 'log', '-1', '--format=%B').trim(), 'sw2: +2 -0 lines\n\nDevice: sw2\nPlatform: juniper_junos\nChanged-By: alice\nChanged-From: 10.0.0.5');
    assert.equal(git(dir, 'rev-parse', 'HEAD^').trim(), results[0]!.commit);
    // Each commit touches only its device's file.
    assert.equal(git(dir, 'show', '--name-only', '--format=', results[0]!.commit!).trim(), 'core/sw1.cfg');
    assert.equal(git(dir, 'show', 'HEAD:core/sw1.cfg'), cfg('sw1', 'interface Gi1', ' description up'));
    assert.equal(git(dir, 'status', '--porcelain'), '');
    assert.match(git(dir, 'log', '-p', '-1', '--', 'core/sw1.cfg'), /\+interface Gi1/);
  });

  test('unchanged text: commit null, nothing written; a second identical call adds no commit', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const batch = [snap('a', cfg('a')), snap('b', cfg('b')), snap('c', cfg('c'))];
    await archive.commitSnapshots(batch);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const mtime = statSync(join(dir, 'core/a.cfg')).mtimeMs;
    const again = await archive.commitSnapshots(batch);
    assert.deepEqual(again.map((r) => r.commit), [null, null, null]);
    assert.deepEqual(again.map((r) => [r.added, r.removed]), [[0, 0], [0, 0], [0, 0]]);
    assert.equal(git(dir, 'rev-parse', 'HEAD').trim(), head);
    assert.equal(statSync(join(dir, 'core/a.cfg')).mtimeMs, mtime);
    // Only b changes: exactly one new commit, the others null.
    const mixed = await archive.commitSnapshots([batch[0]!, snap('b', cfg('b', 'ntp server 1.1.1.1')), batch[2]!]);
    assert.deepEqual(mixed.map((r) => r.commit === null), [true, false, true]);
    assert.equal(git(dir, 'rev-list', '--count', `${head}..HEAD`).trim(), '1');
    // A fresh Archive on the same store (new process) sees the same: nothing to commit.
    const reopened = await Archive.open(dir);
    const third = await reopened.commitSnapshots([batch[0]!, snap('b', cfg('b', 'ntp server 1.1.1.1'))]);
    assert.deepEqual(third.map((r) => r.commit), [null, null]);
    assert.deepEqual(await archive.commitSnapshots([]), []);
  });

  test('+A -D agree with git diff --numstat', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const base = Array.from({ length: 60 }, (_, i) => `line ${i}`);
    const versions = [
      base,
      base.map((l, i) => (i % 7 === 0 ? `${l} changed` : l)),
      [...base.slice(0, 10), 'inserted a', 'inserted b', ...base.slice(25)],
      ['totally', 'different'],
      [],
      ['x', 'y', 'x', 'y'],
    ];
    for (const v of versions) {
      const text = v.length ? v.join('\n') + '\n' : '';
      const [r] = await archive.commitSnapshots([snap('sw9', text)]);
      assert.ok(r!.commit);
      const numstat = git(dir, 'show', '--numstat', '--format=', r!.commit!).trim();
      const [a, d] = numstat.split('\t');
      assert.equal(`${r!.added} ${r!.removed}`, `${a} ${d}`, `version ${JSON.stringify(v.slice(0, 3))}`);
      assert.equal(git(dir, 'log', '-1', '--format=%s').trim(), `sw9: +${a} -${d} lines`);
    }
  });

  test('the same path twice in one batch: two commits, the second against the first', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const res = await archive.commitSnapshots([snap('d', 'a\n'), snap('d', 'a\nb\n'), snap('d', 'a\nb\n')]);
    assert.deepEqual(res.map((r) => [r.commit !== null, r.added, r.removed]), [[true, 1, 0], [true, 1, 0], [false, 0, 0]]);
    assert.equal(readFileSync(join(dir, 'core/d.cfg'), 'utf8'), 'a\nb\n');
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  test('UTF-8 and odd bytes are stored byte-exact; data lengths are bytes, not characters', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const texts = {
      u1: 'description café – 東京 🚀\nbanner ^C\u00e9\u00e8^C\n',
      u2: 'no trailing newline: ü',
      u3: 'crlf\r\nlines\r\n',
      u4: 'data 5\nM 100644 inline x\ncommit refs/heads/main\n\n\ndone\n', // fast-import keywords as content
      u5: '',
    };
    const res = await archive.commitSnapshots(Object.entries(texts).map(([d, t]) => snap(d, t)));
    for (const [d, t] of Object.entries(texts)) {
      assert.deepEqual(gitBytes(dir, 'cat-file', 'blob', `HEAD:core/${d}.cfg`), Buffer.from(t, 'utf8'), d);
      assert.deepEqual(readFileSync(join(dir, `core/${d}.cfg`)), Buffer.from(t, 'utf8'), d);
      assert.equal(await archive.read(`core/${d}.cfg`), t);
    }
    assert.equal(res.length, 5);
    assert.equal(git(dir, 'status', '--porcelain'), '');
    assert.equal(count(dir), 6);
  });

  test('paths with spaces and quotes are quoted for fast-import', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const path = 'grp one/we"ird é.cfg';
    const [r] = await archive.commitSnapshots([snap('w1', 'x\n', { path })]);
    assert.ok(r!.commit);
    assert.equal(git(dir, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean).sort().join('|'), ['README.md', path].sort().join('|'));
    assert.equal(readFileSync(join(dir, path), 'utf8'), 'x\n');
    assert.equal(await archive.read(path), 'x\n');
  });

  test('files are replaced atomically (temp file + rename), no temp files left', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    await archive.commitSnapshots([snap('sw1', 'old\n')]);
    const file = join(dir, 'core/sw1.cfg');
    // A hard link keeps the old inode: an in-place rewrite would change it too, a rename does not.
    const link = join(tempDir(), 'old-inode');
    linkSync(file, link);
    const inode = statSync(file).ino;
    await archive.commitSnapshots([snap('sw1', 'new\n')]);
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    assert.equal(readFileSync(link, 'utf8'), 'old\n');
    assert.notEqual(statSync(file).ino, inode);
    assert.deepEqual(tmpLeftovers(dir), []);
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  test('a failed work-tree write aborts the batch: no commit, no temp files', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    await archive.commitSnapshots([snap('ok', 'v1\n')]);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(dir, 'blocker'), 'a file where a directory is needed\n');
    await assert.rejects(archive.commitSnapshots([snap('ok', 'v2\n'), snap('x', 'y\n', { path: 'blocker/x.cfg' })]));
    assert.equal(git(dir, 'rev-parse', 'HEAD').trim(), head);
    assert.equal(readFileSync(join(dir, 'core/ok.cfg'), 'utf8'), 'v1\n');
    assert.deepEqual(tmpLeftovers(dir), []);
    // The store keeps working afterwards.
    const [r] = await archive.commitSnapshots([snap('ok', 'v2\n')]);
    assert.ok(r!.commit);
    assert.equal(git(dir, 'show', 'HEAD:core/ok.cfg'), 'v2\n');
  });

  test('path traversal and unsafe paths are rejected before anything is written', async () => {
    const dir = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(dir, 'escape'));
    const archive = await Archive.open(dir);
    symlinkSync(join(dir, '.git'), join(dir, 'gitlink'));
    symlinkSync('core', join(dir, 'corelink'));
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const bad = [
      'gitlink/config',
      'corelink/sw1.cfg',
      '../x.cfg',
      'core/../../x.cfg',
      '/etc/passwd',
      '/tmp/x.cfg',
      '.git/config',
      'a/.GIT/hooks/pre-commit',
      'a//b.cfg',
      './a.cfg',
      'a/./b.cfg',
      'core/',
      '',
      'a\\b.cfg',
      'a\nb.cfg',
      'tab\there.cfg',
      '-rf.cfg',
      'escape/x.cfg',
      'C:/x.cfg',
    ];
    for (const path of bad) {
      await assert.rejects(archive.commitSnapshots([snap('good', 'ok\n', { path: 'good.cfg' }), snap('evil', 'pwned\n', { path })]), /unsafe store path/, JSON.stringify(path));
    }
    assert.equal(git(dir, 'rev-parse', 'HEAD').trim(), head, 'no commit at all, not even for the good snapshot');
    assert.equal(existsSync(join(dir, 'good.cfg')), false);
    assert.deepEqual(readdirSync(outside), []);
    await assert.rejects(archive.read('../x'), /unsafe store path/);
    await assert.rejects(archive.log('/etc/passwd'), /unsafe store path/);
  });

  test('bad device, platform or trailer keys are rejected', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    await assert.rejects(archive.commitSnapshots([snap('-n', 'x\n', { path: 'n.cfg' })]), /invalid device name/);
    await assert.rejects(archive.commitSnapshots([snap('a b', 'x\n', { path: 'n.cfg' })]), /invalid device name/);
    await assert.rejects(archive.commitSnapshots([snap('n', 'x\n', { platform: 'ios\nDevice: x' })]), /invalid platform/);
    await assert.rejects(archive.commitSnapshots([snap('n', 'x\n', { trailers: { 'Bad Key': 'v' } })]), /invalid trailer key/);
    await assert.rejects(archive.commitSnapshots([snap('n', 'x\n', { trailers: { device: 'other' } })]), /reserved/);
    assert.equal(count(dir), 1);
  });

  test('trailer injection is neutralised: values are one line without control characters', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const evil = 'alice\nDevice: core-evil\r\n\nSigned-off-by: Mallory <m@evil>\u0000\u001b[31m\u2028Platform: x\u202e';
    await archive.commitSnapshots([snap('sw1', 'x\n', { trailers: { 'Changed-By': evil, 'Changed-From': '\r\n' } })]);
    const body = git(dir, 'log', '-1', '--format=%B');
    assert.equal(body.split('\n')[0], 'sw1: +1 -0 lines');
    const trailers = git(dir, 'log', '-1', '--format=%(trailers:only,unfold)').trim().split('\n');
    assert.deepEqual(trailers, ['Device: sw1', 'Platform: cisco_ios', 'Changed-By: alice Device: core-evil Signed-off-by: Mallory <m@evil> [31m Platform: x']);
    assert.equal(git(dir, 'log', '-1', '--format=%(trailers:key=Device,valueonly)').trim(), 'sw1');
    assert.equal(git(dir, 'log', '-1', '--format=%(trailers:key=Signed-off-by)').trim(), '');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(body, /[\u0000\u001b\r\u2028\u202e]/);
  });

  test('a person editing the work tree does not fool change detection; the work tree is restored to HEAD', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    await archive.commitSnapshots([snap('sw1', 'v1\n'), snap('sw2', 'v1\n')]);
    // Someone writes the next version by hand, and scribbles on sw2.
    writeFileSync(join(dir, 'core/sw1.cfg'), 'v2\n');
    writeFileSync(join(dir, 'core/sw2.cfg'), 'scribble\n');
    const reopened = await Archive.open(dir);
    const res = await reopened.commitSnapshots([snap('sw1', 'v2\n'), snap('sw2', 'v1\n')]);
    assert.ok(res[0]!.commit, 'v2 differs from HEAD: committed');
    assert.deepEqual([res[0]!.added, res[0]!.removed], [1, 1]);
    assert.equal(res[1]!.commit, null, 'v1 equals HEAD: unchanged');
    assert.equal(readFileSync(join(dir, 'core/sw2.cfg'), 'utf8'), 'v1\n');
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  test('calls on one Archive are serialised; a second writer moving the branch is detected', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const [a, b] = await Promise.all([archive.commitSnapshots([snap('p1', '1\n')]), archive.commitSnapshots([snap('p2', '2\n')])]);
    assert.ok(a[0]!.commit && b[0]!.commit);
    assert.equal(count(dir), 3);
    // Another process commits behind this instance's back: this instance re-reads HEAD, no history lost.
    const other = await Archive.open(dir);
    await other.commitSnapshots([snap('p3', '3\n')]);
    await archive.commitSnapshots([snap('p1', '1b\n')]);
    assert.equal(count(dir), 5);
    assert.equal(git(dir, 'show', 'HEAD:core/p3.cfg'), '3\n');
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });
});

describe('read, log, refs, tags', () => {
  test('read: HEAD, older revs, missing files, bad revs; readMany in one go', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const [r1] = await archive.commitSnapshots([snap('sw1', 'one\n')]);
    await archive.commitSnapshots([snap('sw1', 'two\n')]);
    assert.equal(await archive.read('core/sw1.cfg'), 'two\n');
    assert.equal(await archive.read('core/sw1.cfg', r1!.commit!), 'one\n');
    assert.equal(await archive.read('core/sw1.cfg', 'HEAD~1'), 'one\n');
    assert.equal(await archive.read('core/none.cfg'), null);
    assert.equal(await archive.read('core/sw1.cfg', 'HEAD~2'), null, 'file did not exist yet');
    assert.equal(await archive.read('core'), null, 'a directory is not a file');
    await assert.rejects(archive.read('core/sw1.cfg', 'no-such-rev'), /not a commit/);
    await assert.rejects(archive.read('core/sw1.cfg', '--output=/tmp/x'), /invalid revision/);
    assert.deepEqual(
      await archive.readMany([{ path: 'core/sw1.cfg' }, { path: 'core/sw1.cfg', rev: r1!.commit! }, { path: 'nope.cfg' }, { path: 'core/sw1.cfg', rev: 'refs/baselines/nope' }]),
      ['two\n', 'one\n', null, null],
    );
  });

  test('log: newest first, limited, with ISO dates, subject and trailer body', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    for (let i = 1; i <= 4; i++) await archive.commitSnapshots([snap('sw1', 'x\n'.repeat(i))], new Date(Date.UTC(2024, 0, i)));
    await archive.commitSnapshots([snap('other', 'y\n')]);
    const log = await archive.log('core/sw1.cfg', 3);
    assert.equal(log.length, 3);
    assert.deepEqual(log.map((e) => e.subject), ['sw1: +1 -0 lines', 'sw1: +1 -0 lines', 'sw1: +1 -0 lines']);
    assert.deepEqual(log.map((e) => e.date), ['2024-01-04T00:00:00+00:00', '2024-01-03T00:00:00+00:00', '2024-01-02T00:00:00+00:00']);
    assert.equal(log[0]!.body, 'Device: sw1\nPlatform: cisco_ios');
    assert.equal(log[0]!.commit, git(dir, 'log', '-1', '--format=%H', '--', 'core/sw1.cfg').trim());
    assert.equal((await archive.log('core/sw1.cfg')).length, 4);
    assert.equal((await archive.log('')).length, 6);
    assert.deepEqual(await archive.log('core/none.cfg'), []);
  });

  test('baseline refs: set, get, diff with plain git, delete; bad names rejected', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const [c1] = await archive.commitSnapshots([snap('sw1', 'a\n')]);
    await archive.commitSnapshots([snap('sw1', 'a\nb\n')]);
    await archive.setRef('refs/baselines/sw1', c1!.commit!);
    assert.equal(git(dir, 'rev-parse', 'refs/baselines/sw1').trim(), c1!.commit);
    assert.equal(await archive.getRef('refs/baselines/sw1'), c1!.commit);
    assert.equal(await archive.getRef('refs/baselines/nope'), null);
    assert.match(git(dir, 'diff', 'refs/baselines/sw1', 'HEAD', '--', 'core/sw1.cfg'), /^\+b$/m);
    await archive.setRef('refs/baselines/sw1', 'HEAD');
    assert.equal(await archive.getRef('refs/baselines/sw1'), git(dir, 'rev-parse', 'HEAD').trim());
    await archive.deleteRef('refs/baselines/sw1');
    assert.equal(await archive.getRef('refs/baselines/sw1'), null);
    for (const name of ['HEAD', 'baselines/sw1', 'refs/baselines/../x', 'refs/baselines/a b', 'refs/baselines/x.lock', '-d', 'refs/baselines/x\n']) {
      await assert.rejects(archive.setRef(name, c1!.commit!), /invalid ref name/, name);
    }
    await assert.rejects(archive.setRef('refs/baselines/sw1', '--delete'), /invalid revision/);
    await assert.rejects(archive.setRef('refs/baselines/sw1', 'deadbeef'), /not a commit/);
  });

  test('setRefs: many baselines in one update-ref; unsafe names and short ids rejected', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const res = await archive.commitSnapshots([snap('a', '1\n'), snap('b', '2\n')]);
    await archive.setRefs(res.map((r) => ({ name: `refs/baselines/${r.device}`, commit: r.commit! })), 'first snapshot');
    assert.equal(git(dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/baselines/').trim(), res.map((r) => `refs/baselines/${r.device} ${r.commit}`).join('\n'));
    await archive.setRefs([]);
    for (const name of ['refs/baselines/../x', 'refs/baselines/a b', 'refs/x.lock', 'HEAD', 'refs/baselines/x\nupdate refs/heads/main 0']) {
      await assert.rejects(archive.setRefs([{ name, commit: res[0]!.commit! }]), /unsafe ref name/, name);
    }
    await assert.rejects(archive.setRefs([{ name: 'refs/baselines/a', commit: 'HEAD' }]), /not a full commit id/);
    assert.equal(git(dir, 'rev-parse', 'refs/baselines/a').trim(), res[0]!.commit);
  });

  test('approval tags are annotated, by driftwatch, with the message; no overwrite', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const [c] = await archive.commitSnapshots([snap('sw1', 'a\n')]);
    await archive.tag('approved/sw1/20240101T000000Z', c!.commit!, 'Approved by bob\nticket CHG-1\u0000\u001b');
    assert.equal(git(dir, 'cat-file', '-t', 'refs/tags/approved/sw1/20240101T000000Z').trim(), 'tag');
    assert.equal(git(dir, 'rev-parse', 'approved/sw1/20240101T000000Z^{commit}').trim(), c!.commit);
    assert.equal(git(dir, 'tag', '-l', '--format=%(taggername) %(taggeremail)', 'approved/*').trim(), 'driftwatch <driftwatch@localhost>');
    assert.equal(git(dir, 'tag', '-l', '--format=%(contents)', 'approved/*').trim(), 'Approved by bob\nticket CHG-1');
    await assert.rejects(archive.tag('approved/sw1/20240101T000000Z', c!.commit!, 'again'));
    await assert.rejects(archive.tag('-f', c!.commit!, 'x'), /invalid tag name/);
    await assert.rejects(archive.tag('refs/tags/x', c!.commit!, 'x'), /invalid tag name/);
    await assert.rejects(archive.tag('a..b', c!.commit!, 'x'), /invalid ref name/);
    assert.ok(!gitFails(dir, 'fsck', '--no-progress'));
  });

  test('files() lists tracked paths', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    await archive.commitSnapshots([snap('sw1', 'a\n'), snap('sw2', 'b\n', { path: 'sw2.cfg' })]);
    assert.deepEqual((await archive.files()).sort(), ['README.md', 'core/sw1.cfg', 'sw2.cfg']);
  });
});

describe('batch size', () => {
  test('2,000 snapshots of 200 lines in one call: one fast-import, first import grouped, consistent store', async () => {
    const dir = tempDir();
    const archive = await Archive.open(dir);
    const text = (i: number, v: number) => Array.from({ length: 200 }, (_, k) => `line ${k} of dev${i} v${k === 100 ? v : 0}`).join('\n') + '\n';
    const batch = (v: (i: number) => number) => Array.from({ length: 2000 }, (_, i) => snap(`dev${i}`, text(i, v(i)), { path: `g${i % 7}/dev${i}.cfg` }));
    const first = await archive.commitSnapshots(batch(() => 0));
    assert.equal(first.filter((r) => r.commit).length, 2000);
    const second = await archive.commitSnapshots(batch((i) => (i % 100 === 3 ? 1 : 0)));
    assert.equal(second.filter((r) => r.commit).length, 20);
    assert.ok(second.filter((r) => r.commit).every((r) => r.added === 1 && r.removed === 1));
    // The first import of 2,000 devices is one commit (one full tree instead of 2,000), then one per change.
    assert.equal(count(dir), 1 + 1 + 20);
    assert.equal(new Set(first.map((r) => r.commit)).size, 1);
    const importMsg = git(dir, 'log', '--format=%B', '-1', first[0]!.commit!);
    assert.match(importMsg, /^import: 2000 devices, \+400000 lines$/m);
    assert.equal(importMsg.match(/^Device: dev\d+$/gm)?.length, 2000);
    assert.equal(git(dir, 'show', `${first[0]!.commit}:g3/dev3.cfg`), text(3, 0));
    assert.equal(git(dir, 'status', '--porcelain'), '');
    // How long this takes is the benchmark's business (npm run bench), not the suite's.
  });
});
