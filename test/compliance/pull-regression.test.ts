/**
 * Over real SSH with the simulator: a compliant IOS device is pulled and its verdicts stored; the
 * device then gains `ip http server`; the next pull raises a compliance-regression alert naming
 * http-server-disabled. Removing it again sends the compliance-fixed notice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFile } from '../../src/config/load.js';
import { pullDevice } from '../../src/collect/pull-device.js';
import { complianceAfterPull, loadComplianceContext } from '../../src/compliance/pipeline.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { complianceRepo } from '../../src/state/compliance-repo.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';
import { pullAndDeliver } from '../../src/app/pull-now.js';
import { createLogger } from '../../src/core/log.js';
import { Archive } from '../../src/store/archive.js';
import { runCli } from '../helpers/cli.js';
import { probeMeter } from '../../src/app/cycle/compliance-probe.js';

test('a pull that adds ip http server raises compliance-regression naming http-server-disabled', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'acc1', lines: 300 }), name: 'acc1' }).start();
  const ws = makeWorkspace([{ name: 'acc1', sim }]);
  const state = StateDb.open(ws.state);
  try {
    const cfg = loadConfigFile(ws.config, TEST_ENV);
    const device = cfg.devices[0]!;
    const ctx = loadComplianceContext(cfg);
    const repo = complianceRepo(state);
    let clock = Date.UTC(2026, 0, 1);
    const now = () => new Date((clock += 60_000));
    const deps = { hostKeyCheck: () => () => 'accept' as const, jumpHostKeyCheck: () => () => 'accept' as const, now, wantFacts: () => true };
    const pullAndEvaluate = async () => {
      const out = await pullDevice(device, cfg, deps);
      assert.ok(out.ok, !out.ok ? out.error.message : '');
      return complianceAfterPull(repo, ctx, device, { config: out.config, facts: out.facts as Record<string, unknown> }, now());
    };

    const first = await pullAndEvaluate();
    assert.deepEqual(first.alerts, [], 'first evaluation: nothing to compare with');
    assert.equal(first.evaluation!.results.find((r) => r.rule === 'http-server-disabled')!.verdict, 'PASS');
    const again = await pullAndEvaluate();
    assert.equal(again.evaluation, undefined, 'an unchanged pull is not evaluated again');

    sim.removeConfigLines(/^no ip http server$/);
    sim.addConfigLines(['ip http server']);
    const second = await pullAndEvaluate();
    assert.equal(second.alerts.length, 1);
    const alert = second.alerts[0]!;
    assert.equal(alert.kind, 'compliance-regression');
    assert.deepEqual(alert.sections, ['http-server-disabled']);
    assert.equal(alert.severity, 'critical');
    assert.match(alert.detail!, /\d+: ip http server/);
    assert.ok(second.evaluation!.score < first.evaluation!.score, 'score drops');
    assert.equal(repo.scores().get('acc1')!.score, second.evaluation!.score);

    const third = await pullAndEvaluate();
    assert.deepEqual(third.alerts, [], 'a standing failure alerts once');

    sim.resetAnswers();
    const fourth = await pullAndEvaluate();
    assert.deepEqual(fourth.alerts.map((a) => a.kind), ['compliance-fixed']);
  } finally {
    state.close();
    await sim.close();
    ws.cleanup();
  }
});

test('through the whole cycle: the regression alerts even when a window authorized the change; audit --json shows it', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'acc2', lines: 300 }), name: 'acc2' }).start();
  const hour = 3_600_000;
  const ws = makeWorkspace([{ name: 'acc2', sim }], { windows: [{ name: 'open-now', authorize: 'all', start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + hour).toISOString() }] });
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  try {
    assert.deepEqual((await pullAndDeliver(app, cfg.devices)).alerts, []);
    sim.removeConfigLines(/^no ip http server$/);
    sim.addConfigLines(['ip http server']);
    const r = await pullAndDeliver(app, cfg.devices);
    const kinds = r.alerts.map((a) => a.kind).sort();
    assert.deepEqual(kinds, ['compliance-regression', 'drift-authorized']);
    assert.deepEqual(r.alerts.find((a) => a.kind === 'compliance-regression')!.sections, ['http-server-disabled']);
    const audit = await runCli(['audit', 'acc2', '--json', '--config', ws.config]);
    assert.equal(audit.code, 0, audit.stderr);
    const report = JSON.parse(audit.stdout.trim().split('\n')[0]!);
    assert.equal(report.device, 'acc2');
    assert.equal(report.results.find((x: { rule: string }) => x.rule === 'http-server-disabled').verdict, 'FAIL');
  } finally {
    app.state.close();
    await sim.close();
    ws.cleanup();
  }
});

test('a pull that skips the facts commands is evaluated with the stored facts: no re-evaluation, version clauses hold', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'acc3', lines: 300 }), name: 'acc3' }).start();
  // IOS 15: guestshell-disabled is N/A by a version clause, which needs the OS version.
  sim.mutate('show version', (t) => t.replaceAll('17.9.4a', '15.2(7)E3'));
  const ws = makeWorkspace([{ name: 'acc3', sim }]);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  const guestshell = () => complianceRepo(app.state).previousVerdicts('acc3').find((v) => v.rule === 'guestshell-disabled')?.verdict;
  try {
    await pullAndDeliver(app, cfg.devices);
    assert.equal(guestshell(), 'N/A');
    const before = { ...probeMeter };
    await pullAndDeliver(app, cfg.devices);
    assert.equal(probeMeter.skipped - before.skipped, 1, 'same config and same (stored) facts: not evaluated again');
    assert.equal(probeMeter.evaluated - before.evaluated, 0);
    assert.equal(guestshell(), 'N/A');
  } finally {
    app.state.close();
    await sim.close();
    ws.cleanup();
  }
});
