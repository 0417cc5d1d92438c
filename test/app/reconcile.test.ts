/**
 * State is a cache of the store: a crash between the git commit and the state write, a lost state
 * file and a replaced store, each against a real git store, real SQLite and a simulated device.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { pullAndArchive } from '../../src/collect/cycle.js';
import { pullAndDeliver } from '../../src/app/pull-now.js';
import { StoreStateMismatchError } from '../../src/app/reconcile.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

const CONFIG = 'show running-config';
const log = createLogger('silent');

async function setup() {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'r1', lines: 80 }), name: 'r1' }).start();
  // A channel nobody listens on: alerts stay queued in the outbox, where the test can count them.
  const ws = makeWorkspace([{ name: 'r1', sim }], { alerts: [{ type: 'webhook', name: 'hook', url: 'http://127.0.0.1:9/hook' }] });
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const open = async () => ({ cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log, clock: () => new Date() });
  const git = (...args: string[]) => execFileSync('git', ['-C', cfg.store, ...args], { encoding: 'utf8' }).trim();
  const intrude = () => sim.mutate(CONFIG, (t) => t.replace(/^(hostname .*)$/m, '$1\nusername backdoor privilege 15 secret 0 x'));
  return { sim, ws, cfg, open, git, intrude, done: async () => (await sim.close(), ws.cleanup()) };
}

test('a crash after the git commit, before the state write: the next cycle still alerts, with the same alert id', async () => {
  const t = await setup();
  try {
    let app = await t.open();
    await pullAndDeliver(app, t.cfg.devices); // first snapshot = baseline
    t.intrude();
    // What a kill -9 right after the commit leaves: the commit is in git, the state never heard of it.
    const snapshotOnly = await pullAndArchive(t.cfg, t.cfg.devices, { archive: app.archive, state: app.state, now: app.clock, statusBefore: new Map() });
    assert.equal(snapshotOnly[0]!.result, 'changed');
    app.state.db.prepare(`UPDATE devices SET last_commit = (SELECT "commit" FROM baselines WHERE device = 'r1')`).run();
    app.state.setMeta('store_head', t.git('rev-parse', 'HEAD~1'));
    app.state.close();

    app = await t.open();
    const r = await pullAndDeliver(app, t.cfg.devices);
    assert.equal(r.results[0]!.result, 'unchanged', 'the text was already committed');
    assert.deepEqual(r.alerts.map((a) => a.kind), ['drift-new'], 'the change is alerted although this pull committed nothing');
    assert.deepEqual(r.openDrift, ['r1']);
    assert.deepEqual(r.reconcile.recovered, ['r1']);
    const id = r.alerts[0]!.id;
    assert.match(id, /^[0-9a-f]{32}$/);
    // The same event decided again (another crash before the outbox was read) has the same id: receivers de-duplicate.
    assert.equal(app.state.listOutbox(10, true).length, 1);
    app.state.db.prepare(`DELETE FROM drift`).run();
    const again = await pullAndDeliver(app, t.cfg.devices);
    assert.equal(again.alerts[0]!.id, id);
    assert.equal(app.state.listOutbox(10, true).length, 1, 'queued once per channel, not once per decision');
    app.state.close();
  } finally {
    await t.done();
  }
});

test('a lost state file is rebuilt from the store: baselines from refs, one loud alert, the intruder change still drift', async () => {
  const t = await setup();
  try {
    let app = await t.open();
    await pullAndDeliver(app, t.cfg.devices);
    const baseline = t.git('rev-parse', 'refs/baselines/r1');
    app.state.close();
    for (const f of ['', '-wal', '-shm']) rmSync(t.cfg.state + f, { force: true });

    t.intrude();
    app = await t.open();
    const r = await pullAndDeliver(app, t.cfg.devices);
    assert.equal(r.reconcile.rebuilt, true);
    assert.equal(t.git('rev-parse', 'refs/baselines/r1'), baseline, 'the intruder change did not become the baseline');
    const kinds = r.alerts.map((a) => a.kind).sort();
    assert.deepEqual(kinds, ['drift-new', 'state-rebuilt']);
    assert.equal(r.alerts.find((a) => a.kind === 'state-rebuilt')!.severity, 'critical');
    app.state.close();
  } finally {
    await t.done();
  }
});

test('a store that lacks what the state recorded stops the cycle instead of alerting every device', async () => {
  const t = await setup();
  try {
    let app = await t.open();
    await pullAndDeliver(app, t.cfg.devices);
    app.state.close();
    rmSync(t.cfg.store, { recursive: true, force: true });
    app = await t.open(); // a fresh, empty store beside the old state
    const queued = app.state.listOutbox(10).length;
    await assert.rejects(pullAndDeliver(app, t.cfg.devices), (err: Error) => err instanceof StoreStateMismatchError && /does not contain commit/.test(err.message));
    assert.equal(app.state.listOutbox(10).length, queued, 'no alert storm');
    app.state.close();
  } finally {
    await t.done();
  }
});

test('a baseline ref deleted behind our back is restored from the state, not replaced by the next snapshot', async () => {
  const t = await setup();
  try {
    const app = await t.open();
    await pullAndDeliver(app, t.cfg.devices);
    const baseline = t.git('rev-parse', 'refs/baselines/r1');
    t.git('update-ref', '-d', 'refs/baselines/r1');
    t.intrude();
    const r = await pullAndDeliver(app, t.cfg.devices);
    assert.equal(r.reconcile.refsRestored, 1);
    assert.equal(t.git('rev-parse', 'refs/baselines/r1'), baseline);
    assert.deepEqual(r.alerts.map((a) => a.kind), ['drift-new']);
    app.state.close();
  } finally {
    await t.done();
  }
});
