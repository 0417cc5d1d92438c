/**
 * paloalto_panos against its synthetic transcript (src/drivers/paloalto_panos/fixtures/, no
 * shared one exists): the same checks the conformance suite runs on shared transcripts, plus facts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { paloaltoPanos as panos } from '../../src/drivers/paloalto_panos/index.js';
import { getDriver } from '../../src/drivers/registry.js';
import { answerFor, loadTranscript } from '../../src/sim/transcript.js';
import { PullError } from '../../src/core/errors.js';
import { compareConfigs } from '../../src/drift/compare.js';

const FIXTURES = fileURLToPath(new URL('../../src/drivers/paloalto_panos/fixtures/', import.meta.url));
const fixture = (name: string) => FIXTURES + name;
const CONFIG = 'show config running';

const transcript = loadTranscript(fixture('panos#PA-VM_10.2.9-h1#simulation.yaml'));
const outputs = Object.fromEntries(panos.commands.map((c) => [c, answerFor(transcript, c) ?? '']));

test('panos is registered under its Oxidized name', () => {
  assert.equal(getDriver('panos'), panos);
  assert.deepEqual(panos.session.setup, ['set cli pager off']);
  for (const c of panos.commands) assert.ok(answerFor(transcript, c), `fixture answers ${c}`);
});

test('panos facts from show system info', () => {
  assert.deepEqual(panos.parse(outputs).facts, { hostname: 'fw-edge-01', model: 'PA-VM', os_version: '10.2.9-h1', serial: '007954000123456' });
});

test('panos stores the brace config without echo, CRs or prompt', () => {
  const { config } = panos.parse(outputs);
  const lines = config.split('\n');
  assert.equal(lines[0], 'config {');
  assert.equal(lines.at(-2), '}');
  assert.doesNotMatch(config, /\r|show config running|admin@fw-edge-01/);
  // Braces and quotes inside values stay as they are.
  assert.match(config, /description "Outbound web \{HTTP\/HTTPS\} for \\"trust\\"";/);
  assert.match(config, /login-banner "Authorized access only \{monitored\}";/);
});

test('panos masks per the fixture secret.yaml, idempotently', () => {
  const stored = panos.maskSecrets(panos.parse(outputs).config);
  const spec = parseYaml(readFileSync(fixture('panos#PA-VM_10.2.9-h1#secret.yaml'), 'utf8')) as { pass: string[]; fail: string[] };
  for (const p of spec.fail) assert.doesNotMatch(stored, new RegExp(p), `secret /${p}/ stored`);
  for (const p of spec.pass) assert.match(stored, new RegExp(p), `/${p}/ missing after masking`);
  assert.equal(panos.maskSecrets(stored), stored);
});

test('panos prompt per the fixture prompt.yaml', () => {
  const spec = parseYaml(readFileSync(fixture('panos#generic#prompt.yaml'), 'utf8')) as { pass: string[]; fail: string[] };
  for (const p of spec.pass) assert.match(p, panos.session.prompt, JSON.stringify(p));
  for (const p of spec.fail) assert.doesNotMatch(p, panos.session.prompt, JSON.stringify(p));
});

test('panos refuses the config cut at any point', () => {
  const full = outputs[CONFIG]!;
  // Every cut that drops at least the final `}` (only the closing prompt may be missing).
  const end = full.lastIndexOf('}');
  for (let at = 0; at <= end; at += 7) {
    assert.throws(
      () => panos.parse({ ...outputs, [CONFIG]: full.slice(0, at) }),
      (e: unknown) => e instanceof PullError && e.kind === 'incomplete-output',
      JSON.stringify(full.slice(Math.max(0, at - 20), at)),
    );
  }
});

test('panos reports a refused command as a protocol error', () => {
  const refused = `${CONFIG}\r\nInvalid syntax.\r\n\r\nadmin@fw-edge-01> `;
  assert.throws(() => panos.parse({ [CONFIG]: refused }), (e: unknown) => e instanceof PullError && e.kind === 'protocol');
});

test('panos: a rule action change is critical drift', () => {
  const config = panos.maskSecrets(panos.parse(outputs).config);
  const changed = config.replace('action deny;', 'action allow;');
  const result = compareConfigs(config, changed, { ignore: panos.ignore, knowledge: panos.drift });
  assert.equal(result.drifted, true);
  assert.equal(result.severity, 'critical');
  assert.match(result.sections[0] ?? '', /rulebase > security > rules > deny-all/);
});
