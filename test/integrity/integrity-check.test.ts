/**
 * The image integrity check end to end: simulator answering the hash command over SSH, real
 * SQLite, the daemon's own schedule. Verdicts alert when they change (mismatch, unknown image),
 * a match alerts nothing, host keys are checked as a pull checks them, and no pull ever runs the
 * hash command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCycle } from '../../src/app/cycle/run-cycle.js';
import { integrityExitCode, runIntegrity } from '../../src/app/use-cases/integrity.js';
import { hashCommand } from '../../src/compliance/integrity/hash-output.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { startIntegritySchedule } from '../../src/daemon/scheduler.js';
import { commandKey } from '../../src/sim/answers.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { imageHashAnswer } from '../../src/sim/hash-answers.js';
import type { Transcript } from '../../src/sim/transcript.js';
import { integrityRepo } from '../../src/state/integrity-repo.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

const sha512 = (s: string) => createHash('sha512').update(s).digest('hex');
const GOOD = sha512('the vendor image');
/** The generated IOS device's `show version` names this image. */
const IMAGE = 'flash:packages.conf';
const HASH = hashCommand('cisco_ios', IMAGE)!;

/** A simulated device that counts how often it was asked for the image hash. */
class CountingSim extends SimDevice {
  hashAsked = 0;
  override lookup(t: Transcript, command: string, cursor = 0) {
    if (commandKey(command).trim() === HASH) this.hashAsked++;
    return super.lookup(t, command, cursor);
  }
}

async function setup(name: string, integritySchedule = '0 0 1 1 *') {
  const sim = await new CountingSim({ transcript: generateIosTranscript({ hostname: name, lines: 120 }), name }).start();
  sim.setAnswer(HASH, imageHashAnswer('cisco_ios', HASH, IMAGE, GOOD, `${name}#`));
  const ws = makeWorkspace([{ name, sim }], {
    integrity: { schedule: integritySchedule, known_good: './known-good.yaml' },
    // A receiver that is never reached: the tests read the outbox, deliveries just stay queued.
    alerts: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook' }],
    run_at_start: false,
  });
  const knownGood = (images: string) => writeFileSync(join(ws.dir, 'known-good.yaml'), images);
  knownGood(`images:\n  - image: packages.conf\n    sha512: ${GOOD}\n`);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  const integrityAlerts = () => app.state.listOutbox(100).filter((e) => e.alert.sections?.some((s) => s.startsWith('integrity-')));
  const close = async () => {
    app.state.close();
    await sim.close();
    ws.cleanup();
  };
  return { sim, ws, cfg, app, knownGood, integrityAlerts, close };
}

test('match: no alert; tampered image: one critical alert, not repeated while the verdict stays; unknown image alerts again', async () => {
  const t = await setup('int1');
  try {
    await runCycle(t.app, t.cfg.devices); // facts: the image name
    const ok = await runIntegrity(t.app, t.cfg.devices);
    assert.deepEqual(ok.outcomes.map((o) => o.status), ['match']);
    assert.equal(ok.alerts.length, 0);
    assert.equal(t.integrityAlerts().length, 0, 'a match queues nothing');
    assert.equal(integrityExitCode(ok.outcomes), 0);
    assert.equal(integrityRepo(t.app.state.db).get('int1')?.verdict?.status, 'match', 'the verdict is stored');

    t.sim.setAnswer(HASH, imageHashAnswer('cisco_ios', HASH, IMAGE, sha512('implant'), 'int1#'));
    const bad = await runIntegrity(t.app, t.cfg.devices);
    assert.equal(bad.outcomes[0]!.status, 'mismatch');
    assert.equal(integrityExitCode(bad.outcomes), 3);
    const queued = t.integrityAlerts();
    assert.equal(queued.length, 1, 'the mismatch is in the outbox');
    assert.equal(queued[0]!.alert.severity, 'critical');
    assert.deepEqual(queued[0]!.alert.sections, ['integrity-mismatch']);

    const again = await runIntegrity(t.app, t.cfg.devices);
    assert.equal(again.outcomes[0]!.status, 'mismatch');
    assert.equal(again.alerts.length, 0, 'the same verdict does not alert twice');
    assert.equal(t.integrityAlerts().length, 1);

    t.knownGood(`images:\n  - image: cat9k_iosxe.17.09.04a.SPA.bin\n    sha512: ${GOOD}\n`);
    const unknown = await runIntegrity(t.app, t.cfg.devices);
    assert.equal(unknown.outcomes[0]!.status, 'unknown-image');
    assert.equal(unknown.alerts.length, 1);
    assert.deepEqual(t.integrityAlerts().map((e) => e.alert.sections?.[0]).sort(), ['integrity-mismatch', 'integrity-unknown-image']);
    assert.equal(t.sim.hashAsked, 4);
  } finally {
    await t.close();
  }
});

test('a changed host key refuses the integrity session as it refuses a pull: no hash asked, the verdict kept, no alert', async () => {
  const t = await setup('int2');
  try {
    await runCycle(t.app, t.cfg.devices); // pins the key
    await runIntegrity(t.app, t.cfg.devices);
    t.sim.rotateHostKey();
    const asked = t.sim.hashAsked;
    const r = await runIntegrity(t.app, t.cfg.devices);
    assert.equal(r.outcomes[0]!.status, 'error');
    assert.match((r.outcomes[0] as { error: string }).error, /^host-key-mismatch: /);
    assert.equal(t.sim.hashAsked, asked, 'refused before the command');
    const stored = integrityRepo(t.app.state.db).get('int2');
    assert.equal(stored?.verdict?.status, 'match');
    assert.match(stored?.lastError ?? '', /host-key-mismatch/);
    assert.equal(r.alerts.length, 0);
    assert.equal(integrityExitCode(r.outcomes), 1);
  } finally {
    await t.close();
  }
});

test('a device whose image is not known yet is skipped, not checked', async () => {
  const t = await setup('int3');
  try {
    const r = await runIntegrity(t.app, t.cfg.devices);
    assert.deepEqual(r.outcomes.map((o) => o.status), ['skipped']);
    assert.equal(t.sim.hashAsked, 0);
  } finally {
    await t.close();
  }
});

test('pulls never run the hash command; the daemon runs it on integrity.schedule and stores the verdict', async () => {
  const t = await setup('int4', '* * * * * *');
  try {
    for (let i = 0; i < 3; i++) await runCycle(t.app, t.cfg.devices);
    assert.equal(t.sim.hashAsked, 0, 'three cycles with integrity configured asked for no hash');
    assert.equal(integrityRepo(t.app.state.db).get('int4'), undefined);
    assert.deepEqual(startIntegritySchedule({}, () => {}), [], 'no task without integrity configured');

    // The daemon reads credentials' ${ENV} from process.env, as in production.
    Object.assign(process.env, TEST_ENV);
    const daemon = await Daemon.start({ configFile: t.ws.config, log: createLogger('silent') });
    try {
      // Every second: wait (bounded) for the first scheduled run to store its verdict.
      for (let i = 0; i < 100 && !integrityRepo(t.app.state.db).get('int4')?.verdict; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(integrityRepo(t.app.state.db).get('int4')?.verdict?.status, 'match');
      assert.ok(t.sim.hashAsked >= 1);
    } finally {
      await daemon.stop();
    }
  } finally {
    await t.close();
  }
});
