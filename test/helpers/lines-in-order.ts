import assert from 'node:assert/strict';

/** Oxidized replaced secrets with these; a recorded line holding one is compared up to it. */
const OXIDIZED_MASK = /<(?:secret hidden|value removed|configuration removed|removed|secret removed|hidden)>|<removed[^>]*>/;

/**
 * Every non-empty `expected` line appears in `stored` in the same order (blank lines ignored).
 * Lines Oxidized masked match a stored line that starts with the same text before the mask.
 */
export function assertLinesInOrder(expected: readonly string[], stored: string, label: string): void {
  const lines = stored.split('\n');
  let at = 0;
  for (const raw of expected) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    const mask = OXIDIZED_MASK.exec(line);
    const prefix = mask ? line.slice(0, mask.index).trimEnd() : undefined;
    let found = -1;
    for (let i = at; i < lines.length; i++) {
      if (prefix !== undefined ? lines[i]!.startsWith(prefix) : lines[i] === line) {
        found = i;
        break;
      }
    }
    assert.ok(found >= 0, `${label}: recorded line missing or out of order: ${JSON.stringify(line)}`);
    at = found + 1;
  }
}
