/**
 * A fast line diff for configs, where changes are sparse and in place. Pure.
 *
 * Lines are compared as strings (see `tokens`). The common prefix is stripped, then both sides
 * are walked: on a mismatch the nearest resynchronisation point (a line pair that matches,
 * followed by `confirm` more matching pairs, so that repeated lines such as `!`, ` exit`, `}` make
 * no false anchors) is searched outward by distance, the gap up to it (with the anchor's run) is
 * diffed exactly with `diffArrays` from `diff`, and the walk goes on from there. With no anchor within
 * `searchBound` the whole remainder goes to `diffArrays`, so pathological inputs stay correct
 * (just slower). When the walk finds only a few changed lines, jsdiff redoes the diff over
 * everything after the prefix, which is exactly what `structuredPatch` computes: small drifts come
 * out exactly as they always did, including how ambiguous edits among repeated lines align.
 *
 * The edit script is turned into unified hunks shaped exactly as `structuredPatch` shapes them.
 *
 * Inputs are texts split on '\n' (`text.split('\n')`): a trailing '' means the text ended with a
 * newline; otherwise its last line has none, which (as in jsdiff) makes it differ from the same
 * line with a newline. '\r' stays part of the line.
 */
import { diffArrays } from 'diff';

export type EditKind = 'equal' | 'removed' | 'added';

/** Edit length past which the no-anchor fallback stops looking for the smallest diff. */
const MAX_FALLBACK_EDITS = 4000;

/** One run of the edit script; consecutive runs never share a kind. */
export interface Edit {
  kind: EditKind;
  count: number;
}

/** A hunk as `structuredPatch` stores it: a 0-line side keeps the start of the line after (see `hunkHeader`). */
export interface LineHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** ' ', '-', '+' prefixed lines, and '\ No newline at end of file' after a line without one. */
  lines: string[];
}

export interface LineDiffOptions {
  /** Context lines around changes (default 3). */
  context?: number;
  /** Matching lines required after an anchor line (default 3). */
  confirm?: number;
  /** How far (old + new lines from the mismatch) to look for an anchor (default 2000). */
  searchBound?: number;
  /** When the walk finds at most this many changed lines, jsdiff redoes the diff over the whole input (default 64; 0: never). */
  exactEdits?: number;
}

export const NO_NEWLINE = '\\ No newline at end of file';

interface Side {
  /** `text.split('\n')`. */
  raw: readonly string[];
  /** Number of lines. */
  n: number;
  /** Whether the last line ends with a newline (vacuously true for an empty text). */
  eol: boolean;
}

function side(raw: readonly string[]): Side {
  const eol = raw.length === 0 || raw[raw.length - 1] === '';
  return { raw, n: eol ? Math.max(0, raw.length - 1) : raw.length, eol };
}

/**
 * The comparable lines of a side: the lines themselves, except that a last line without newline
 * gets one appended so that it never equals a line that had one (lines never contain '\n'),
 * exactly as jsdiff's line tokens compare. Lines are compared as strings: interning them to
 * integers (a Map lookup per line) cost more than every comparison the diff makes.
 */
function tokens(s: Side): readonly string[] {
  if (s.eol) return s.raw; // its trailing '' lies past n and is never read
  const out = s.raw.slice();
  out[s.n - 1] += '\n';
  return out;
}

class Script {
  readonly edits: Edit[] = [];
  /** Lines removed plus lines added. */
  changed = 0;
  push(kind: EditKind, count: number): void {
    if (count <= 0) return;
    if (kind !== 'equal') this.changed += count;
    const last = this.edits[this.edits.length - 1];
    if (last && last.kind === kind) last.count += count;
    else this.edits.push({ kind, count });
  }
  /** Exact diff of a[i0,i1) against b[j0,j1) with jsdiff; false when over `maxEditLength`. */
  exact(a: readonly string[], i0: number, i1: number, b: readonly string[], j0: number, j1: number, maxEditLength?: number): boolean {
    if (i0 === i1 || j0 === j1) {
      this.push('removed', i1 - i0);
      this.push('added', j1 - j0);
      return true;
    }
    if (i1 - i0 === 1 && j1 - j0 === 1 && a[i0] !== b[j0]) {
      // What diffArrays answers for a one-line replacement.
      this.push('removed', 1);
      this.push('added', 1);
      return true;
    }
    const changes =
      maxEditLength === undefined
        ? diffArrays(a.slice(i0, i1), b.slice(j0, j1))
        : diffArrays(a.slice(i0, i1), b.slice(j0, j1), { maxEditLength });
    if (!changes) return false;
    for (const c of changes) this.push(c.added ? 'added' : c.removed ? 'removed' : 'equal', c.count);
    return true;
  }
}

/** The edit script turning `oldRaw` into `newRaw` (both `text.split('\n')`). */
export function lineEdits(oldRaw: readonly string[], newRaw: readonly string[], opts: LineDiffOptions = {}): Edit[] {
  return editScript(side(oldRaw), side(newRaw), opts);
}

function editScript(oldSide: Side, newSide: Side, opts: LineDiffOptions): Edit[] {
  const confirm = Math.max(0, opts.confirm ?? 3);
  const bound = Math.max(1, opts.searchBound ?? 2000);
  const exactEdits = Math.max(0, opts.exactEdits ?? 64);
  const a = tokens(oldSide);
  const b = tokens(newSide);
  const n = oldSide.n;
  const m = newSide.n;
  const script = new Script();

  let pre = 0;
  const limit = Math.min(n, m);
  while (pre < limit && a[pre] === b[pre]) pre++;
  script.push('equal', pre);
  if (pre === n || pre === m) {
    script.push('removed', n - pre);
    script.push('added', m - pre);
    return script.edits;
  }

  // No common-suffix strip: jsdiff matches lines as early as it can, so among repeated lines the
  // last edit of a file would align differently (later) than structuredPatch aligned it.

  /** Does (i, j) start `confirm + 1` matching pairs, or a match running to both ends? */
  const anchors = (i: number, j: number): boolean => {
    for (let t = 0; t <= confirm; t++) {
      const x = i + t;
      const y = j + t;
      if (x >= n || y >= m) return x === n && y === m;
      if (a[x] !== b[y]) return false;
    }
    return true;
  };

  let i = pre;
  let j = pre;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      const i0 = i;
      do {
        i++;
        j++;
      } while (i < n && j < m && a[i] === b[j]);
      script.push('equal', i - i0);
      continue;
    }
    // Nearest anchor by distance (di + dj) from the mismatch, balanced (in-place) candidates first.
    const maxDi = n - i;
    const maxDj = m - j;
    const maxD = Math.min(bound, maxDi + maxDj);
    let di = -1;
    let dj = -1;
    for (let d = 1; d <= maxD && di < 0; d++) {
      const lo = Math.max(0, d - maxDj);
      const hi = Math.min(d, maxDi);
      const mid = Math.min(hi, Math.max(lo, d >> 1));
      for (let off = 0; mid - off >= lo || mid + off <= hi; off++) {
        const down = mid - off;
        const up = mid + off;
        if (down >= lo && anchors(i + down, j + d - down)) di = down;
        else if (off > 0 && up <= hi && anchors(i + up, j + d - up)) di = up;
        else continue;
        dj = d - di;
        break;
      }
    }
    if (di < 0) {
      // No anchor near: jsdiff on all that is left, bounded (Myers is O(N*D): a 50,000-line rewrite
      // would stall the event loop for minutes). Past the bound, the rest is one replacement:
      // still a correct diff, just not the smallest.
      if (!script.exact(a, i, n, b, j, m, MAX_FALLBACK_EDITS)) {
        script.push('removed', n - i);
        script.push('added', m - j);
      }
      i = n;
      j = m;
      break;
    }
    // Diff the gap together with the anchor's confirmed run: jsdiff, matching as early as it can, may
    // pair a gap line with a run line (say "+x ! -!" rather than "-! +x !"), as structuredPatch did.
    const run = Math.min(confirm + 1, n - i - di, m - j - dj);
    if (di === 1 && dj === 1 && (run === 0 || (a[i] !== b[j + 1] && b[j] !== a[i + 1]))) {
      // A line replaced in place, which is what jsdiff makes of that window.
      script.push('removed', 1);
      script.push('added', 1);
      i += 1;
      j += 1;
    } else {
      script.exact(a, i, i + di + run, b, j, j + dj + run);
      i += di + run;
      j += dj + run;
    }
  }
  script.push('removed', n - i);
  script.push('added', m - j);

  // Few edits: redo it with jsdiff over everything after the prefix, which is exactly what
  // structuredPatch computes. The walk's edit count bounds the shortest edit script, so jsdiff
  // stays within it.
  if (script.changed <= exactEdits) {
    const exact = new Script();
    exact.push('equal', pre);
    if (exact.exact(a, pre, n, b, pre, m, script.changed)) return exact.edits;
  }
  return script.edits;
}

/** Unified hunks for `oldRaw` → `newRaw` (both `text.split('\n')`), shaped exactly as `structuredPatch` shapes them. */
export function lineHunks(oldRaw: readonly string[], newRaw: readonly string[], opts: LineDiffOptions = {}): LineHunk[] {
  const o = side(oldRaw);
  const nw = side(newRaw);
  return hunksOf(editScript(o, nw, opts), o, nw, Math.max(0, opts.context ?? 3));
}

/** structuredPatch's hunk builder (diffLinesResultToPatch), on line positions instead of strings. */
function hunksOf(edits: readonly Edit[], o: Side, nw: Side, context: number): LineHunk[] {
  const hunks: LineHunk[] = [];
  const push = (out: string[], mark: string, s: Side, index: number) => {
    out.push(mark + s.raw[index]!);
    if (index === s.n - 1 && !s.eol) out.push(NO_NEWLINE);
  };
  const comps = [...edits, { kind: 'equal', count: 0 } as Edit]; // as structuredPatch: a sentinel eases the end
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let cur: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let c = 0; c < comps.length; c++) {
    const { kind, count } = comps[c]!;
    if (kind !== 'equal') {
      if (!oldRangeStart) {
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        const prev = comps[c - 1];
        cur = [];
        if (prev && context > 0) {
          const take = Math.min(context, prev.count);
          for (let k = take; k > 0; k--) push(cur, ' ', nw, newLine - 1 - k);
          oldRangeStart -= take;
          newRangeStart -= take;
        }
      }
      if (kind === 'added') {
        for (let k = 0; k < count; k++) push(cur, '+', nw, newLine - 1 + k);
        newLine += count;
      } else {
        for (let k = 0; k < count; k++) push(cur, '-', o, oldLine - 1 + k);
        oldLine += count;
      }
    } else {
      if (oldRangeStart) {
        if (count <= context * 2 && c < comps.length - 2) {
          for (let k = 0; k < count; k++) push(cur, ' ', nw, newLine - 1 + k);
        } else {
          const size = Math.min(count, context);
          for (let k = 0; k < size; k++) push(cur, ' ', nw, newLine - 1 + k);
          hunks.push({ oldStart: oldRangeStart, oldLines: oldLine - oldRangeStart + size, newStart: newRangeStart, newLines: newLine - newRangeStart + size, lines: cur });
          oldRangeStart = 0;
          newRangeStart = 0;
          cur = [];
        }
      }
      oldLine += count;
      newLine += count;
    }
  }
  return hunks;
}
