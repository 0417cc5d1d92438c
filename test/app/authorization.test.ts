/**
 * Authorized vs unauthorized over real SSH (simulator), git and SQLite: maintenance windows,
 * expected changes with tickets, `--lines`, and what stays an alert.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pullAndDeliver } from '../../src/app/pull-now.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { runCli } from '../helpers/cli.js';
import { auditRepo } from '../../src/state/audit-repo.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

const CONFIG = 'show running-config';
const hour = 3_600_000;

async function fleet(extra: Record<string, unknown>) {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'r1', lines: 80 }), name: 'r1' }).start();
  const ws = makeWorkspace([{ name: 'r1', sim }], extra);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  const git = (...a: string[]) => execFileSync('git', ['-C', cfg.store, ...a], { encoding: 'utf8' }).trim();
  const change = (line: string) => sim.mutate(CONFIG, (t) => t.replace(/^(hostname .*)$/m, `$1\n${line}`));
  // A non-critical change: an interface description.
  const describe = (text: string) => sim.mutate(CONFIG, (t) => t.replace(/^(interface \S+)$/m, `$1\n description ${text}`));
  await pullAndDeliver(app, cfg.devices); // baseline
  return { sim, ws, app, git, change, describe, cycle: () => pullAndDeliver(app, cfg.devices), done: async () => (app.state.close(), await sim.close(), ws.cleanup()) };
}

const openWindow = (authorize?: string) => ({
  windows: [{ name: 'nightly', start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + hour).toISOString(), ...(authorize ? { authorize } : {}) }],
});

test('a change inside an open window: a notice, the baseline moves, an approval tag by window:<name>, no alert', async () => {
  const f = await fleet(openWindow());
  try {
    f.describe('uplink to core');
    const r = await f.cycle();
    assert.deepEqual(r.alerts.map((a) => [a.kind, a.notice === true]), [['drift-authorized', true]]);
    assert.deepEqual(r.openDrift, []);
    assert.equal(f.git('rev-parse', 'refs/baselines/r1'), f.git('rev-parse', 'HEAD'));
    assert.equal(f.app.state.getBaseline('r1')?.approvedBy, 'window:nightly');
    assert.match(f.git('tag', '-l', '-n1', 'approved/r1/*'), /approved r1 by window:nightly/);
    assert.deepEqual(auditRepo(f.app.state.db).list(5).map((e) => [e.actor, e.action, e.target]), [['window:nightly', 'approve', 'r1']]);
  } finally {
    await f.done();
  }
});

test('a critical change inside a non-critical window still alerts; with authorize: all it does not', async () => {
  const f = await fleet(openWindow());
  try {
    f.change('username backdoor privilege 15 secret 0 x');
    const r = await f.cycle();
    assert.deepEqual(r.alerts.map((a) => [a.kind, a.severity]), [['drift-new', 'critical']]);
    assert.deepEqual(r.openDrift, ['r1']);
  } finally {
    await f.done();
  }
  const g = await fleet(openWindow('all'));
  try {
    g.change('username backdoor privilege 15 secret 0 x');
    assert.deepEqual((await g.cycle()).alerts.map((a) => a.kind), ['drift-authorized']);
  } finally {
    await g.done();
  }
});

test('outside any window the same change alerts and names who the device says changed it', async () => {
  const f = await fleet({ windows: [{ name: 'later', start: new Date(Date.now() + hour).toISOString(), end: new Date(Date.now() + 2 * hour).toISOString() }] });
  try {
    f.sim.mutate(CONFIG, (t) => t.replace(/^! Last configuration change at .*$/m, '! Last configuration change at 03:12:00 UTC Wed Dec 2 2026 by jdoe'));
    f.describe('uplink to core');
    const r = await f.cycle();
    assert.deepEqual(r.alerts.map((a) => a.kind), ['drift-new']);
    assert.equal(r.alerts[0]!.attribution?.user, 'jdoe');
    assert.match(r.alerts[0]!.summary, /by jdoe/);
  } finally {
    await f.done();
  }
});

test('an expected change with a ticket is authorized and its commit carries Change-Ticket:; --lines leaves other lines unauthorized', async () => {
  const f = await fleet({});
  try {
    const expect = await runCli(['expect', 'r1', '--ticket', 'CHG-123', '--until', '2h', '--lines', '^ *description ', '--config', f.ws.config]);
    assert.equal(expect.code, 0, expect.stderr);
    f.describe('uplink to core');
    const covered = await f.cycle();
    assert.deepEqual(covered.alerts.map((a) => [a.kind, a.authorization?.ticket]), [['drift-authorized', 'CHG-123']]);
    assert.match(f.git('log', '-1', '--format=%B'), /^Change-Ticket: CHG-123$/m);

    // The same ticket does not cover a new user: that stays an unauthorized, critical change.
    f.change('username evil privilege 15 secret 0 y');
    const uncovered = await f.cycle();
    assert.deepEqual(uncovered.alerts.map((a) => [a.kind, a.severity]), [['drift-new', 'critical']]);
    assert.deepEqual(uncovered.openDrift, ['r1']);
  } finally {
    await f.done();
  }
});
