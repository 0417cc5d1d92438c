/** The engine's parts: the line index, brace flattening, pack validation with file:line, scoring. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigIndex, literalPrefix } from '../../src/compliance/config-index.js';
import { score } from '../../src/compliance/engine.js';
import { flattenBraces } from '../../src/compliance/flatten-braces.js';
import { loadPacks, PackError, parsePack } from '../../src/compliance/pack-load.js';
import type { RuleResult } from '../../src/compliance/types.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';

test('literal prefixes: only text every match must start with', () => {
  assert.equal(literalPrefix(/^ip http server$/), 'ip http server');
  assert.equal(literalPrefix(/^vstack(\s.*)?$/), 'vstack');
  assert.equal(literalPrefix(/^enable secret (level \d+ )?[45] /), 'enable secret ');
  assert.equal(literalPrefix(/^ab?c/), 'a');
  assert.equal(literalPrefix(/^a|^b/), '', 'top-level alternation');
  assert.equal(literalPrefix(/ip http/), '', 'unanchored');
  assert.equal(literalPrefix(/^Ip/i), '', 'case-insensitive');
  assert.equal(literalPrefix(/^http 0\.0\.0\.0/), 'http 0.0.0.0');
});

test('the index finds exactly what a full scan finds', () => {
  const t = generateIosTranscript({ hostname: 'idx', lines: 800 });
  const text = t.commands.find(([c]) => c.startsWith('show running'))![1];
  const idx = new ConfigIndex(text, 'cisco_ios');
  const patterns = [/^interface /, /^ip access-list/, /^i/, /^line vty \d+( \d+)?$/, /^snmp-server (community|host) /, /^ switchport/, /^description/, /permit/, /^(no )?ip /, /^x/];
  for (const re of patterns) {
    for (const top of [false, true]) {
      const naive = idx.lines.map((l, i) => [l, i] as const).filter(([l]) => (!top || l.indent === 0) && re.test(l.text)).map(([, i]) => i);
      assert.deepEqual(idx.find(re, top), naive, `${re} top=${top}`);
    }
  }
});

test('blocks nest by indentation; descendants stop at the next line of equal or lower indent', () => {
  const idx = new ConfigIndex('archive\n log config\n  logging enable\n path scp://x\nline vty 0 4\n transport input ssh\n', 'cisco_ios');
  const archive = idx.find(/^archive$/, true)[0]!;
  assert.deepEqual(idx.within(archive, /./).map((i) => idx.lines[i]!.text), ['log config', 'logging enable', 'path scp://x']);
  assert.equal(idx.find(/^transport input ssh$/).length, 1);
  assert.equal(idx.find(/^transport input ssh$/, true).length, 0);
});

test('Junos curly config flattens to set lines; inactive subtrees and comments are dropped', () => {
  const flat = flattenBraces('## Last commit: x\nsystem {\n    services {\n        ssh;\n        inactive: telnet;\n    }\n    /* note */\n    inactive: syslog {\n        host 1.2.3.4 { any any; }\n    }\n    login { user a { class super-user; } }\n}\n');
  assert.deepEqual(flat.map((l) => l.text), ['set system services ssh', 'set system login user a class super-user']);
  assert.equal(flat[0]!.line, 4);
});

test('RouterOS: continuation lines joined, `/path set` split into header and entry', () => {
  const idx = new ConfigIndex('# comment\n/ip service\nset telnet \\\n    disabled=yes\n/snmp set enabled=yes\n', 'mikrotik_routeros');
  assert.deepEqual(idx.lines.map((l) => [l.text, l.indent]), [['/ip service', 0], ['set telnet disabled=yes', 1], ['/snmp', 0], ['set enabled=yes', 1]]);
});

test('pack problems name the file and line', () => {
  const bad = [
    'pack: mine',
    'rules:',
    '  - id: r1',
    '    title: t',
    '    severity: critical',
    '    guidance: [H1]',
    '    rationale: r',
    '    platforms:',
    '      ios:',
    '        otherwise: PASS',
    '        clauses:',
    "          - { line: '^ip (http', verdict: FAIL }",
    '      nosuch_os:',
    '        otherwise: PASS',
    '  - id: r2',
    '    title: t',
    '    severity: high',
    '    guidance: [H1]',
    '    rationale: r',
    '    platforms: {}',
  ].join('\n');
  assert.throws(() => parsePack(bad, 'mine.yaml'), (err: unknown) => {
    assert.ok(err instanceof PackError);
    assert.match(err.message, /^mine\.yaml:17: rules\.1\.severity/m);
    return true;
  });
  const fixedSeverity = bad.replace('severity: high', 'severity: warning');
  assert.throws(() => parsePack(fixedSeverity, 'mine.yaml'), (err: unknown) => {
    assert.ok(err instanceof PackError);
    assert.match(err.message, /mine\.yaml:12: rule r1 ios line: bad regex/);
    assert.match(err.message, /mine\.yaml:13: rule r1: unknown platform "nosuch_os"/);
    return true;
  });
});

test('user packs are loaded from their folder; a rule id defined twice is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-packs-'));
  try {
    const rule = (id: string) => `pack: site\nrules:\n  - id: ${id}\n    title: t\n    severity: info\n    guidance: [local]\n    rationale: r\n    platforms:\n      cisco_ios: { otherwise: PASS, clauses: [{ line: '^banner motd', verdict: PASS }] }\n`;
    writeFileSync(join(dir, 'site.yaml'), rule('site-banner'));
    const packs = loadPacks(dir);
    assert.deepEqual(packs.map((p) => p.name), ['cisa-2024-12', 'site']);
    writeFileSync(join(dir, 'site.yaml'), rule('http-server-disabled'));
    assert.throws(() => loadPacks(dir), /site\.yaml:3: rule id http-server-disabled is already defined at .*cisa-2024-12\.yaml:\d+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('score weighs decided rules by severity; unknown, N/A and waived ones do not count', () => {
  const r = (verdict: RuleResult['verdict'], severity: RuleResult['severity'], waived = false): RuleResult => ({
    rule: 'x', title: 'x', severity, verdict, lines: [], notes: [], ...(waived ? { waiver: { reason: 'r', expires: '2999-01-01', scope: 'device d' } } : {}),
  });
  assert.equal(score([]), 100);
  assert.equal(score([r('PASS', 'critical'), r('FAIL', 'info')]), 75);
  assert.equal(score([r('WARN', 'warning')]), 50);
  assert.equal(score([r('PASS', 'info'), r('FAIL', 'critical', true), r('UNKNOWN', 'critical'), r('N/A', 'critical')]), 100);
});
