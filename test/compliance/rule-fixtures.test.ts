/** Every rule of the built-in pack over its PASS and FAIL fixtures (test/compliance/rule-cases.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateRules } from '../../src/compliance/engine.js';
import { loadPacks } from '../../src/compliance/pack-load.js';
import { CASES, WARN_ONLY } from './rule-cases.js';

const pack = loadPacks().find((p) => p.name === 'cisa-2024-12')!;

test('the cisa-2024-12 pack has the 39 rules of the research', () => {
  assert.equal(pack.rules.length, 39);
});

for (const [i, k] of CASES.entries()) {
  test(`${k.rule} ${k.platform} ${k.verdict} #${i}`, () => {
    const rule = pack.rules.find((r) => r.id === k.rule);
    assert.ok(rule, `no rule ${k.rule}`);
    const [r] = evaluateRules([rule], { platform: k.platform, config: k.config, handshake: k.handshake, exec: k.exec, facts: k.facts, tags: k.tags });
    assert.equal(r!.verdict, k.verdict, `${k.rule} on ${k.platform}:\n${k.config}\n-> ${JSON.stringify(r)}`);
    if (k.evidence) assert.ok(r!.lines.some((l) => l.text === k.evidence), `evidence ${k.evidence} in ${JSON.stringify(r!.lines)}`);
  });
}

test('every rule has a PASS fixture and a FAIL fixture (WARN for WARN-only rules)', () => {
  for (const r of pack.rules) {
    const verdicts = new Set(CASES.filter((k) => k.rule === r.id).map((k) => k.verdict));
    assert.ok(verdicts.has('PASS'), `${r.id}: no PASS fixture`);
    assert.ok(verdicts.has(WARN_ONLY.has(r.id) ? 'WARN' : 'FAIL'), `${r.id}: no ${WARN_ONLY.has(r.id) ? 'WARN' : 'FAIL'} fixture`);
  }
});

test('docs/compliance.md lists every rule with its guidance items', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/compliance.md', import.meta.url)), 'utf8');
  for (const r of pack.rules) {
    const row = doc.split('\n').find((l) => l.includes(`\`${r.id}\``));
    assert.ok(row, `${r.id} missing from docs/compliance.md`);
    assert.ok(row.includes(r.guidance.join(', ')), `${r.id}: guidance ${r.guidance.join(', ')} not in its docs row`);
  }
});

test('contract: http-server-disabled FAILs on an IOS config containing ip http server', () => {
  const [r] = evaluateRules(pack.rules.filter((x) => x.id === 'http-server-disabled'), { platform: 'cisco_ios', config: 'hostname a\nip http server\nend\n' });
  assert.equal(r!.verdict, 'FAIL');
  assert.deepEqual(r!.lines, [{ line: 2, text: 'ip http server' }]);
});
