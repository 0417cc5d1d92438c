import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countLines, lineStats } from '../../src/store/line-stats.js';
import { buildCommitMessage, sanitizeTrailerValue } from '../../src/store/commit-message.js';
import { quotePath } from '../../src/store/fast-import.js';
import { checkRelativePath } from '../../src/store/paths.js';

test('countLines counts a last line without newline', () => {
  assert.equal(countLines(''), 0);
  assert.equal(countLines('a'), 1);
  assert.equal(countLines('a\n'), 1);
  assert.equal(countLines('a\nb'), 2);
  assert.equal(countLines('\n\n'), 2);
});

test('lineStats: first version counts every line as added', () => {
  assert.deepEqual(lineStats(null, 'a\nb\nc\n'), { added: 3, removed: 0 });
  assert.deepEqual(lineStats(undefined, ''), { added: 0, removed: 0 });
});

test('lineStats: edits, insertions, deletions, reorderings', () => {
  assert.deepEqual(lineStats('a\nb\nc\n', 'a\nb\nc\n'), { added: 0, removed: 0 });
  assert.deepEqual(lineStats('a\nb\nc\n', 'a\nB\nc\n'), { added: 1, removed: 1 });
  assert.deepEqual(lineStats('a\nb\nc\n', 'a\nb\nx\ny\nc\n'), { added: 2, removed: 0 });
  assert.deepEqual(lineStats('a\nb\nc\n', 'c\n'), { added: 0, removed: 2 });
  assert.deepEqual(lineStats('a\nb\n', ''), { added: 0, removed: 2 });
  assert.deepEqual(lineStats('a\nb', 'a\nb\n'), { added: 1, removed: 1 }); // like git: "\ No newline at end of file"
  assert.deepEqual(lineStats('a\nb\nc\n', 'c\nb\na\n'), { added: 2, removed: 2 });
});

// Timing of this case lives in the benchmark; here only the result (a quadratic fallback would still be correct).
test('lineStats: large rewrites are counted exactly', () => {
  const a = Array.from({ length: 20000 }, (_, i) => `old ${i}\n`).join('');
  const b = Array.from({ length: 20000 }, (_, i) => `new ${i}\n`).join('');
  assert.deepEqual(lineStats(a, b), { added: 20000, removed: 20000 });
});

test('trailer values become one printable line', () => {
  assert.equal(sanitizeTrailerValue('alice\r\nDevice: x'), 'alice Device: x');
  assert.equal(sanitizeTrailerValue('\u0000\u001b[1m bob \u2028\u202e'), '[1m bob');
  assert.equal(sanitizeTrailerValue(undefined), '');
  assert.equal(sanitizeTrailerValue('x'.repeat(1000)).length, 256);
});

test('commit message layout', () => {
  assert.equal(
    buildCommitMessage({ device: 'sw1', platform: 'cisco_ios', added: 3, removed: 1, trailers: { 'Changed-By': 'a\nb', Empty: '\n' } }),
    'sw1: +3 -1 lines\n\nDevice: sw1\nPlatform: cisco_ios\nChanged-By: a b\n',
  );
});

test('fast-import paths are always C-quoted', () => {
  assert.equal(quotePath('core/sw1.cfg'), '"core/sw1.cfg"');
  assert.equal(quotePath('a "b"\\c é'), '"a \\"b\\"\\\\c é"');
  assert.equal(quotePath('x\ny'), '"x\\012y"');
});

test('relative path checks', () => {
  assert.equal(checkRelativePath('core/sw1.cfg'), 'core/sw1.cfg');
  for (const p of ['../a', 'a/..', '/a', 'a//b', '.git/x', 'x/.Git', 'a\\b', 'a\u0000b', '', '-x']) {
    assert.throws(() => checkRelativePath(p), /unsafe store path/, JSON.stringify(p));
  }
});
