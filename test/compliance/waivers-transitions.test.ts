/** Waivers (scope, expiry), PASS->FAIL / FAIL->PASS transitions, and the alerts they raise. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema, type Device, type Waiver } from '../../src/config/schema.js';
import { complianceFixedNotice, complianceRegressionAlert } from '../../src/compliance/alerts.js';
import { evaluateRules } from '../../src/compliance/engine.js';
import { loadPacks } from '../../src/compliance/pack-load.js';
import { complianceTransitions } from '../../src/compliance/transitions.js';
import type { RuleResult } from '../../src/compliance/types.js';
import { applyWaivers } from '../../src/compliance/waivers.js';
import { renderEmail } from '../../src/notify/email/render.js';

const rules = loadPacks().flatMap((p) => p.rules);
const byId = new Map(rules.map((r) => [r.id, r]));
const device: Device = { name: 'edge1', host: '127.0.0.1', port: 22, platform: 'cisco_ios', group: 'edge', tags: ['lab'], credentials: { username: 'u' }, credentialsName: 'c', ignore: [] };
const res = (rule: string, verdict: RuleResult['verdict']): RuleResult => ({ rule, title: rule, severity: 'critical', verdict, lines: [], notes: [] });
const w = (over: Partial<Waiver>): Waiver => ({ rule: 'http-server-disabled', reason: 'vendor tool needs HTTP until migration', expires: '2026-12-31', ...over });
const NOW = new Date('2026-12-31T20:00:00Z');

test('a waiver applies by device, group or tag, until the end of its expiry day', () => {
  for (const scope of [{ device: 'edge1' }, { group: 'edge' }, { tag: 'lab' }]) {
    const [r] = applyWaivers([res('http-server-disabled', 'FAIL')], device, [w(scope)], NOW);
    assert.ok(r!.waiver, JSON.stringify(scope));
    assert.equal(r!.waiver!.reason, 'vendor tool needs HTTP until migration');
  }
  for (const scope of [{ device: 'edge2' }, { group: 'core' }, { tag: 'prod' }]) {
    assert.equal(applyWaivers([res('http-server-disabled', 'FAIL')], device, [w(scope)], NOW)[0]!.waiver, undefined, JSON.stringify(scope));
  }
  const [expired] = applyWaivers([res('http-server-disabled', 'FAIL')], device, [w({ device: 'edge1', expires: '2026-12-30' })], NOW);
  assert.equal(expired!.waiver, undefined);
  assert.match(expired!.notes.join(), /expired on 2026-12-30/);
  assert.equal(applyWaivers([res('vty-ssh-only', 'FAIL')], device, [w({ device: 'edge1' })], NOW)[0]!.waiver, undefined, 'other rule');
});

test('config: a waiver names exactly one scope and a date', () => {
  const parse = (waivers: unknown[]) => configSchema.safeParse({ compliance: { waivers } });
  assert.ok(parse([w({ device: 'a' })]).success);
  assert.ok(!parse([w({ device: 'a', group: 'g' })]).success);
  assert.ok(!parse([w({})]).success);
  assert.ok(!parse([w({ tag: 't', expires: 'next year' })]).success);
});

test('transitions: PASS->FAIL regresses, FAIL->PASS is fixed, new rules and waived rules do not alert', () => {
  const prev = [
    { rule: 'a', verdict: 'PASS' as const },
    { rule: 'b', verdict: 'FAIL' as const },
    { rule: 'c', verdict: 'PASS' as const },
    { rule: 'd', verdict: 'WARN' as const },
  ];
  const waived = { ...res('c', 'FAIL'), waiver: { reason: 'r', expires: '2999-01-01', scope: 'device edge1' } };
  const t = complianceTransitions(prev, [res('a', 'FAIL'), res('b', 'PASS'), waived, res('d', 'FAIL'), res('e', 'FAIL')]);
  assert.deepEqual(t.regressions.map((r) => r.rule), ['a']);
  assert.deepEqual(t.fixes.map((r) => r.rule), ['b']);
});

test('adding ip http server to a compliant config raises compliance-regression naming the rule, with rationale and lines', () => {
  const compliant = 'hostname edge1\nno ip http server\nline vty 0 4\n transport input ssh\n';
  const before = evaluateRules(rules, { platform: 'cisco_ios', config: compliant });
  const after = evaluateRules(rules, { platform: 'cisco_ios', config: compliant.replace('no ip http server', 'ip http server') });
  const { regressions } = complianceTransitions(before, after);
  assert.deepEqual(regressions.map((r) => r.rule), ['http-server-disabled']);
  const alert = complianceRegressionAlert(device, regressions, byId, NOW, 'abc123');
  assert.equal(alert.kind, 'compliance-regression');
  assert.equal(alert.severity, 'critical');
  assert.match(alert.summary, /http-server-disabled/);
  assert.match(alert.detail!, /why: Plain HTTP exposes credentials/);
  assert.match(alert.detail!, /2: ip http server/);
  assert.deepEqual(alert.sections, ['http-server-disabled']);
  const mail = renderEmail(alert, { from: 'a@b.c', to: 'd@e.f' });
  assert.match(mail.subject, /CRITICAL edge1: hardening rule now fails: Unencrypted HTTP management is disabled \(http-server-disabled\)/);
  const fixed = complianceFixedNotice(device, complianceTransitions(after, before).fixes, NOW);
  assert.equal(fixed.kind, 'compliance-fixed');
  assert.equal(fixed.severity, 'info');
});

test('the alert severity is the worst of the regressed rules', () => {
  const a = complianceRegressionAlert(device, [{ ...res('x', 'FAIL'), severity: 'info' }, { ...res('y', 'FAIL'), severity: 'warning' }], byId, NOW);
  assert.equal(a.severity, 'warning');
});
