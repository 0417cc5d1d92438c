import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, structuredPatch } from 'diff';
import { lineEdits, lineHunks, NO_NEWLINE, type LineDiffOptions, type LineHunk } from '../../src/drift/line-diff.js';
import { hunkHeader, unifiedDiff } from '../../src/drift/unified-diff.js';
import { compareConfigs } from '../../src/drift/compare.js';
import { sectionLabel } from '../../src/drift/sections.js';
import { severityOf } from '../../src/drift/severity.js';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';

// ---- seeded random configs ------------------------------------------------------------------

function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}
type Rng = ReturnType<typeof prng>;

/** Lines configs repeat all the time: the false anchors a line diff must not trip on. */
const REPEATED = ['!', '!', '!', ' exit', ' exit', '}', '  }', ' no shutdown', ' shutdown', '#', ' no ip address', 'end', ''];

function randomLine(r: Rng): string {
  const x = r.next();
  if (x < 0.55) return r.pick(REPEATED);
  if (x < 0.7) return `interface GigabitEthernet1/0/${r.int(24)}`;
  if (x < 0.85) return ` description ${r.pick(['uplink', 'core', 'access', 'printer'])} ${r.int(8)}`;
  return ` ip address 10.${r.int(4)}.${r.int(256)}.1 255.255.255.0`;
}

function randomConfig(r: Rng, n: number): string[] {
  return Array.from({ length: n }, () => randomLine(r));
}

let fresh = 0;
const freshLine = () => ` description changed ${++fresh}`;

/** Random inserts, deletes and replacements, anywhere (start and end included). */
function mutate(r: Rng, lines: readonly string[], edits: number): string[] {
  const out = [...lines];
  for (let e = 0; e < edits; e++) {
    const at = r.next() < 0.1 ? 0 : r.next() < 0.1 ? out.length : r.int(out.length + 1);
    const size = r.next() < 0.1 ? 1 + r.int(40) : 1 + r.int(4);
    const kind = r.int(3);
    const block = Array.from({ length: size }, () => (r.next() < 0.5 ? freshLine() : randomLine(r)));
    if (kind === 0) out.splice(at, 0, ...block);
    else if (kind === 1) out.splice(at, size);
    else out.splice(at, size, ...block.slice(0, 1 + r.int(size)));
  }
  return out;
}

function text(lines: readonly string[], finalNewline: boolean): string {
  if (!lines.length) return '';
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

interface Case {
  name: string;
  a: string;
  b: string;
}

function randomCases(seed: number, count: number): Case[] {
  const r = prng(seed);
  const cases: Case[] = [];
  for (let c = 0; c < count; c++) {
    const n = r.next() < 0.05 ? 0 : r.next() < 0.3 ? r.int(20) : 100 + r.int(500);
    const base = randomConfig(r, n);
    const edits = r.next() < 0.05 ? 0 : r.next() < 0.5 ? 1 + r.int(3) : 1 + r.int(40);
    const cur = r.next() < 0.03 ? [] : mutate(r, base, edits);
    cases.push({ name: `seed ${seed} case ${c}`, a: text(base, r.next() < 0.85), b: text(cur, r.next() < 0.85) });
  }
  return cases;
}

// ---- checks ---------------------------------------------------------------------------------

/** Hunks sit where their headers say: old/new lines match the texts there, and the gaps between them agree. */
function checkPositions(a: string, b: string, hunks: readonly LineHunk[], context: string) {
  const oldRaw = a.split('\n');
  const newRaw = b.split('\n');
  let lastOldEnd = 1;
  let lastNewEnd = 1;
  for (const h of hunks) {
    assert.ok(h.oldStart - lastOldEnd >= 0 && h.oldStart - lastOldEnd === h.newStart - lastNewEnd, `${context}: unchanged gap mismatch before ${hunkHeader(h)}`);
    let o = h.oldStart - 1;
    let n = h.newStart - 1;
    for (const line of h.lines) {
      const kind = line[0];
      if (line === NO_NEWLINE) continue;
      if (kind !== '+') assert.equal(line.slice(1), oldRaw[o++], `${context}: old line ${o} in ${hunkHeader(h)}`);
      if (kind !== '-') assert.equal(line.slice(1), newRaw[n++], `${context}: new line ${n} in ${hunkHeader(h)}`);
    }
    assert.equal(o - (h.oldStart - 1), h.oldLines, `${context}: old count of ${hunkHeader(h)}`);
    assert.equal(n - (h.newStart - 1), h.newLines, `${context}: new count of ${hunkHeader(h)}`);
    lastOldEnd = h.oldStart + h.oldLines;
    lastNewEnd = h.newStart + h.newLines;
  }
}

function countLines(hunks: readonly LineHunk[], mark: string): number {
  return hunks.reduce((sum, h) => sum + h.lines.filter((l) => l[0] === mark).length, 0);
}

/** The diff applies, its counts agree with its edit script, and its hunks sit where they say. */
function checkDiff(c: Case, opts: LineDiffOptions) {
  const label = `${c.name} ${JSON.stringify(opts)}`;
  const diff = unifiedDiff(c.a, c.b, opts);
  assert.equal(applyPatch(c.a, diff), c.b, `${label}: patch does not reproduce the current text\n${diff}`);
  const hunks = lineHunks(c.a.split('\n'), c.b.split('\n'), opts);
  checkPositions(c.a, c.b, hunks, label);
  const edits = lineEdits(c.a.split('\n'), c.b.split('\n'), opts);
  const total = (kind: string) => edits.filter((e) => e.kind === kind).reduce((s, e) => s + e.count, 0);
  assert.equal(total('added'), countLines(hunks, '+'), `${label}: added`);
  assert.equal(total('removed'), countLines(hunks, '-'), `${label}: removed`);
  for (let k = 1; k < edits.length; k++) assert.notEqual(edits[k]!.kind, edits[k - 1]!.kind, `${label}: unmerged runs`);
  return hunks;
}

const reference = (a: string, b: string, context = 3) => structuredPatch('a', 'b', a, b, '', '', { context }).hunks;

/** The pre-line-diff compareConfigs (structuredPatch), with git's hunk-start convention for a 0-line side. */
function referenceCompare(before: string, after: string, path = 'config', context = 3) {
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, 'baseline', 'current', { context });
  const afterLines = after.split('\n');
  const beforeLines = before.split('\n');
  const out: string[] = [`--- a/${path}\tbaseline`, `+++ b/${path}\tcurrent`];
  const sections = new Set<string>();
  const changed: string[] = [];
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    let oldAt = hunk.oldStart - 1;
    let newAt = hunk.newStart - 1;
    let hunkLabel: string | undefined;
    const body: string[] = [];
    for (const line of hunk.lines) {
      const kind = line[0];
      if (kind === '\\') continue;
      body.push(line);
      if (kind === '+' || kind === '-') {
        const label = kind === '+' ? sectionLabel(afterLines, newAt, ciscoIos.drift) : sectionLabel(beforeLines, oldAt, ciscoIos.drift);
        if (label) {
          hunkLabel ??= label;
          sections.add(label);
        }
        changed.push(line.slice(1));
        if (kind === '+') added++;
        else removed++;
      }
      if (kind !== '+') oldAt++;
      if (kind !== '-') newAt++;
    }
    out.push(`${hunkHeader(hunk)} ${hunkLabel ?? ''}`.trimEnd(), ...body);
  }
  if (before === after) return { drifted: false, added: 0, removed: 0, severity: 'warning', sections: [], diff: '' };
  return { drifted: added + removed > 0, added, removed, severity: severityOf(changed, [...sections], ciscoIos.drift), sections: [...sections], diff: out.join('\n') + '\n' };
}

// ---- tests ----------------------------------------------------------------------------------

test('random configs: the diff applies, counts agree, hunks sit where their headers say', () => {
  const cases = [...randomCases(1, 150), ...randomCases(2, 150)];
  for (const c of cases) {
    for (const opts of [{}, { exactEdits: 0 }, { exactEdits: 0, context: 0 }, { exactEdits: 0, context: 1 }, { exactEdits: 0, context: 6 }, { exactEdits: 0, searchBound: 3 }, { exactEdits: 0, confirm: 0 }]) {
      checkDiff(c, opts);
    }
  }
});

test('random configs: with jsdiff doing the diffing, hunks are exactly structuredPatch hunks (shape, context, newline markers)', () => {
  for (const c of [...randomCases(3, 150), ...randomCases(4, 150)]) {
    for (const context of [0, 1, 3, 5]) {
      assert.deepEqual(lineHunks(c.a.split('\n'), c.b.split('\n'), { context, exactEdits: Infinity }), reference(c.a, c.b, context), `${c.name} context ${context}`);
    }
  }
});

test('random configs: small drifts come out exactly as structuredPatch made them; compareConfigs is unchanged', () => {
  let compared = 0;
  for (const c of [...randomCases(5, 200), ...randomCases(6, 200)]) {
    const hunks = checkDiff(c, {});
    const changed = countLines(hunks, '+') + countLines(hunks, '-');
    if (changed > 64) continue; // beyond the exact threshold: only the checks above apply
    compared++;
    assert.deepEqual(hunks, reference(c.a, c.b), c.name);
    assert.deepEqual(compareConfigs(c.a, c.b, { ignore: [], knowledge: ciscoIos.drift }), referenceCompare(c.a, c.b), c.name);
  }
  assert.ok(compared > 200, `only ${compared} small cases`);
});

test('single in-place edits: hunks equal structuredPatch, also from the anchor walk alone', () => {
  const r = prng(7);
  for (let c = 0; c < 400; c++) {
    const base = randomConfig(r, r.int(300));
    const at = r.next() < 0.1 ? 0 : r.next() < 0.1 ? base.length : r.int(base.length + 1);
    const removeCount = r.int(5);
    const cur = [...base];
    // New content is new (a changed description, an added ACL line, ...); removed lines are whatever was there.
    cur.splice(at, removeCount, ...Array.from({ length: removeCount ? r.int(5) : 1 + r.int(4) }, freshLine));
    const a = text(base, r.next() < 0.9);
    const b = text(cur, r.next() < 0.9);
    const want = reference(a, b);
    assert.deepEqual(lineHunks(a.split('\n'), b.split('\n')), want, `case ${c}`);
    // The anchor walk alone agrees too, ambiguous edits among repeated lines included (a "!" replaced
    // in front of another "!" comes out as jsdiff's "+x ! -!").
    assert.deepEqual(lineHunks(a.split('\n'), b.split('\n'), { exactEdits: 0 }), want, `walk, case ${c}`);
  }
});

test('random configs: the anchor walk alone mostly aligns as structuredPatch, and (nearly) as minimally', () => {
  let identical = 0;
  let total = 0;
  let walkChanged = 0;
  let refChanged = 0;
  for (const c of [...randomCases(8, 150), ...randomCases(9, 150)]) {
    const hunks = lineHunks(c.a.split('\n'), c.b.split('\n'), { exactEdits: 0 });
    const ref = reference(c.a, c.b);
    total++;
    if (JSON.stringify(hunks) === JSON.stringify(ref)) identical++;
    walkChanged += countLines(hunks, '+') + countLines(hunks, '-');
    refChanged += countLines(ref, '+') + countLines(ref, '-');
  }
  // Random configs, more than half of their lines repeated ones: the walk's heuristics show here if anywhere.
  assert.ok(identical >= 0.9 * total, `${identical}/${total} identical`);
  assert.ok(walkChanged <= 1.02 * refChanged, `${walkChanged} changed lines against ${refChanged}`);
});

test('sparse in-place changes across a large config: the walk matches structuredPatch', () => {
  const base: string[] = [];
  for (let i = 0; i < 20_000; i++) base.push(i % 8 === 0 ? `interface GigabitEthernet${i >> 3}/0/1` : i % 8 === 7 ? '!' : i % 8 === 6 ? ' exit' : ` description link ${i} to rack ${i % 97}`);
  const cur = base.map((l, i) => (i % 100 === 50 ? `${l} changed` : l));
  cur.splice(7001, 0, ' shutdown', '!');
  cur.splice(12_003, 5);
  const a = text(base, true);
  const b = text(cur, true);
  const hunks = lineHunks(a.split('\n'), b.split('\n'));
  assert.deepEqual(hunks, reference(a, b));
  assert.equal(applyPatch(a, unifiedDiff(a, b)), b);
});

test('edge cases: empty sides, missing final newline, CRLF, no anchor in reach', () => {
  const cases: Array<[string, string]> = [
    ['', 'a\n'],
    ['a\n', ''],
    ['', 'a'],
    ['a', ''],
    ['a', 'a\n'],
    ['a\n', 'a'],
    ['x\n!\n!\na', 'x\n!\n!\nb'],
    // Ambiguous among repeated lines: jsdiff keeps the earlier "!" ("+y ! -!", "-x b +b").
    ['p\n!\n!\na\nb\nc\nd\n', 'p\ny\n!\na\nb\nc\nd\n'],
    ['p\nx\nb\nb\nq\nr\ns\n', 'p\nb\nb\nb\nq\nr\ns\n'],
    ['p\n!\n exit\n!\n exit\n}\nq\n', 'p\n!\n exit\n}\nq\n'],
    ['a\nb', 'a\nc'],
    ['\n', '\n\n'],
    ['a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
    ['a\r\nb\r\nc', 'a\r\nb\r\nc\r\n'],
  ];
  for (const [a, b] of cases) {
    for (const opts of [{}, { exactEdits: 0 }, { exactEdits: 0, searchBound: 1 }]) {
      const label = JSON.stringify([a, b, opts]);
      assert.deepEqual(lineHunks(a.split('\n'), b.split('\n'), opts), reference(a, b), label);
      assert.equal(applyPatch(a, unifiedDiff(a, b, opts)), b, label);
    }
  }
  assert.equal(unifiedDiff('', 'a\nb\n'), '--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  assert.equal(unifiedDiff('a\nb\n', ''), '--- a\n+++ b\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  assert.equal(unifiedDiff('a\nb\nc\n', 'a\nc\n', { context: 0 }), '--- a\n+++ b\n@@ -2,1 +1,0 @@\n-b\n');
  assert.equal(unifiedDiff('a\nb', 'a\nc', { oldHeader: 'baseline' }), `--- a\tbaseline\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n${NO_NEWLINE}\n+c\n${NO_NEWLINE}\n`);
  assert.deepEqual(lineHunks(['same', ''], ['same', '']), []);
});

test('a wholesale rewrite (no anchor anywhere) still diffs correctly', () => {
  const r = prng(11);
  const a = text(Array.from({ length: 1200 }, (_, i) => `old ${i} ${r.int(1000)}`), true);
  const b = text(Array.from({ length: 1000 }, (_, i) => `new ${i} ${r.int(1000)}`), true);
  const hunks = checkDiff({ name: 'rewrite', a, b }, { exactEdits: 0 });
  assert.equal(countLines(hunks, '-'), 1200);
  assert.equal(countLines(hunks, '+'), 1000);
});

test('compareConfigs: labels, counts and header over a drift larger than the exact threshold', () => {
  const base: string[] = [];
  for (let i = 0; i < 400; i++) base.push(`interface Gi1/0/${i}`, ` description port ${i}`, ' no shutdown', '!');
  const cur = base.map((l) => (/ description port \d*7$/.test(l) ? `${l} moved` : l));
  const r = compareConfigs(base.join('\n') + '\n', cur.join('\n') + '\n', { ignore: [], knowledge: ciscoIos.drift, path: 'sw.cfg' });
  assert.equal(r.added, 40);
  assert.equal(r.removed, 40);
  assert.ok(r.diff.startsWith('--- a/sw.cfg\tbaseline\n+++ b/sw.cfg\tcurrent\n@@ -27,7 +27,7 @@ interface Gi1/0/7\n'), r.diff.slice(0, 200));
  assert.equal(r.sections.length, 40);
  assert.equal(r.sections[1], 'interface Gi1/0/17');
  assert.deepEqual(r, referenceCompare(base.join('\n') + '\n', cur.join('\n') + '\n', 'sw.cfg'));
});
