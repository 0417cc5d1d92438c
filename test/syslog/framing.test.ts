/** RFC 6587 stream framing: octet counting and newline framing, detected per connection, bounded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamFramer } from '../../src/syslog/framing.js';

const frames = (r: { frames: Buffer[] }) => r.frames.map((f) => f.toString());

test('octet counting: frames split across and packed into chunks', () => {
  const f = new StreamFramer();
  const a = '<13>1 - h a - - - one';
  const b = '<13>1 - h a - - - two\nwith newline';
  const wire = `${Buffer.byteLength(a)} ${a}${Buffer.byteLength(b)} ${b}`;
  assert.deepEqual(frames(f.push(Buffer.from(wire.slice(0, 5)))), []);
  assert.deepEqual(frames(f.push(Buffer.from(wire.slice(5)))), [a, b]);
  assert.equal(f.leftover, 0);
  // Trailing LF after a counted frame is tolerated.
  assert.deepEqual(frames(f.push(Buffer.from(`\n3 <1>\n`))), ['<1>']);
});

test('octet counting: an announced length over the limit or a bad header closes the stream', () => {
  const big = new StreamFramer(100);
  assert.match(big.push(Buffer.from('101 <13>x')).error!, /exceeds 100/);
  assert.match(big.push(Buffer.from('3 <1>')).error!, /exceeds/, 'stays failed');
  assert.match(new StreamFramer().push(Buffer.from('99999999999')).error!, /exceeds|bad octet/);
  assert.match(new StreamFramer().push(Buffer.from('12x <13>')).error!, /bad octet count/);
  const truncated = new StreamFramer();
  assert.deepEqual(frames(truncated.push(Buffer.from('50 <13>short'))), []);
  assert.equal(truncated.leftover, 12);
});

test('newline framing: LF and CRLF, over-long lines dropped up to their LF, the stream goes on', () => {
  const f = new StreamFramer(20);
  assert.deepEqual(frames(f.push(Buffer.from('<13>one\r\n<13>two\n\n<13>thr'))), ['<13>one\r', '<13>two']);
  assert.deepEqual(frames(f.push(Buffer.from('ee\n'))), ['<13>three']);
  const r = f.push(Buffer.from('<13>' + 'x'.repeat(40)));
  assert.equal(r.dropped, 1);
  assert.deepEqual(frames(f.push(Buffer.from('still the long line\n<13>after\n'))), ['<13>after']);
  assert.equal(f.leftover, 0);
});
