/**
 * `driftwatch audit` as a user runs it (the built CLI, so the built-in pack is found from dist/):
 * configs pulled over SSH from simulated devices into a real store, then JSON lines, Markdown and
 * SARIF reports, with a waiver. Also: `npm pack` ships the pack YAML.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

const sims: SimDevice[] = [];
let ws: Workspace;

before(async () => {
  sims.push(await new SimDevice({ transcript: generateIosTranscript({ hostname: 'good1', lines: 200 }), name: 'good1' }).start());
  sims.push(await new SimDevice({ transcript: generateIosTranscript({ hostname: 'bad1', lines: 200 }), name: 'bad1' }).start());
  sims[1]!.removeConfigLines(/^no ip http server$/);
  sims[1]!.addConfigLines(['ip http server']);
  ws = makeWorkspace(
    [
      { name: 'good1', sim: sims[0]! },
      { name: 'bad1', sim: sims[1]!, group: 'legacy' },
    ],
    { compliance: { waivers: [{ rule: 'cdp-disabled', group: 'legacy', reason: 'CDP needed by the IP phones', expires: '2999-12-31' }] } },
  );
  const pull = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
  assert.ok(pull.code === 0 || pull.code === 3, pull.stderr);
});

after(async () => {
  for (const s of sims) await s.close();
  ws?.cleanup();
});

test('audit --json: one object per device with device, score and results', async () => {
  const r = await runCli(['audit', '--json', '--config', ws.config]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { device: string; score: number; results: Array<{ rule: string; verdict: string; severity: string; lines: string[]; waiver?: { reason: string } }> });
  assert.deepEqual(lines.map((l) => l.device), ['good1', 'bad1']);
  for (const l of lines) {
    assert.ok(l.score >= 0 && l.score <= 100);
    assert.equal(l.results.length, 39);
    for (const x of l.results) assert.deepEqual(Object.keys(x).slice(0, 4), ['rule', 'verdict', 'severity', 'lines']);
  }
  const http = (d: number) => lines[d]!.results.find((x) => x.rule === 'http-server-disabled')!;
  assert.equal(http(0).verdict, 'PASS');
  assert.equal(http(1).verdict, 'FAIL');
  assert.deepEqual(http(1).lines, ['ip http server']);
  assert.ok(lines[1]!.score < lines[0]!.score);
  assert.equal(lines[1]!.results.find((x) => x.rule === 'cdp-disabled')!.waiver?.reason, 'CDP needed by the IP phones');
  assert.equal(lines[0]!.results.find((x) => x.rule === 'cdp-disabled')!.waiver, undefined, 'good1 is not in the legacy group');
});

test('audit of one device, --markdown shows failing rules and the waiver; --sarif is SARIF 2.1.0', async () => {
  const md = await runCli(['audit', 'bad1', '--markdown', '--config', ws.config]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^## bad1 \(cisco\\_ios\): score \d+/m);
  assert.match(md.stdout, /\| FAIL \| critical \| http-server-disabled: /);
  assert.match(md.stdout, /waived \(FAIL\) .*CDP needed by the IP phones/);
  assert.doesNotMatch(md.stdout, /good1/);
  const sarif = await runCli(['audit', '--sarif', '--config', ws.config]);
  const doc = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: unknown[] } }; results: Array<{ ruleId: string; level: string; properties: { device: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; suppressions?: unknown[] }> }> };
  assert.equal(doc.version, '2.1.0');
  assert.equal(doc.runs[0]!.tool.driver.rules.length, 39);
  const hit = doc.runs[0]!.results.find((x) => x.ruleId === 'http-server-disabled' && x.properties.device === 'bad1')!;
  assert.equal(hit.level, 'error');
  assert.ok(hit.locations[0]!.physicalLocation.region.startLine > 1);
  assert.ok(doc.runs[0]!.results.find((x) => x.ruleId === 'cdp-disabled' && x.properties.device === 'bad1')!.suppressions);
});

test('audit: unknown device and two formats are usage errors; an unknown waiver rule names the config', async () => {
  assert.equal((await runCli(['audit', 'nope', '--config', ws.config])).code, 2);
  assert.equal((await runCli(['audit', '--json', '--sarif', '--config', ws.config])).code, 2);
  const bad = join(ws.dir, 'bad-waiver.yaml');
  writeFileSync(bad, readFileSync(ws.config, 'utf8').replace('rule: cdp-disabled', 'rule: cdp-disabeld'));
  const r = await runCli(['audit', '--config', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad-waiver\.yaml: compliance\.waivers: no loaded rule has the id "cdp-disabeld"/);
});

test('npm pack ships the built-in packs (tsc does not copy YAML; dist/ finds them in src/compliance/packs)', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  assert.ok(files.includes('src/compliance/packs/cisa-2024-12.yaml'), 'pack YAML in the tarball');
});
