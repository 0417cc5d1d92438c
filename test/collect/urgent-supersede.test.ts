/**
 * A scheduled cycle's snapshot waiting for its batch while a syslog pull of the same device
 * starts: the syslog pull's commit goes first (urgent lane), and the scheduled cycle's older text
 * must then be dropped, not committed over the newer one. Asserted by the commits in git. (A slow
 * second device keeps the scheduled cycle's batch waiting; should the syslog pull still be slower,
 * the older text is committed first and the newer on top: also right, and checked.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { loadConfigFile } from '../../src/config/load.js';
import { pullAndArchive, type DeviceResult } from '../../src/collect/cycle.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('an older pull waiting for its batch never overwrites a newer urgent pull of the device', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'x1', lines: 120 }), name: 'x1' }).start();
  const slow = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'y1', lines: 50 }), name: 'y1', latencyMs: 700 }).start();
  const ws = makeWorkspace([{ name: 'x1', sim }, { name: 'y1', sim: slow }]);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  const statusBefore = () => new Map(state.deviceStatus().map((row) => [row.name, row]));
  try {
    await pullAndArchive(cfg, cfg.devices, { archive, state, now: () => new Date(), statusBefore: statusBefore() });
    const start = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: archive.dir }).toString().trim();
    sim.addConfigLines(['username older privilege 15 secret 0 one']);

    let urgent: Promise<DeviceResult[]> | undefined;
    const scheduled = pullAndArchive(cfg, cfg.devices, {
      archive,
      state,
      now: () => new Date(),
      statusBefore: statusBefore(),
      // Runs once the scheduled pull has its text, before the text goes to the batch: the device
      // changes again and announces it, and the syslog pull starts.
      inspect: (d) => {
        if (d.name !== 'x1') return;
        sim.addConfigLines(['username newer privilege 15 secret 0 two']);
        urgent = pullAndArchive(cfg, cfg.devices.filter((x) => x.name === 'x1'), { archive, state, now: () => new Date(), statusBefore: statusBefore(), urgent: true });
      },
    });
    const [s] = await scheduled;
    const [u] = await urgent!;
    assert.equal(u!.result, 'changed');
    const stored = (await archive.read('x1.cfg'))!;
    assert.match(stored, /username newer/);
    const commits = execFileSync('git', ['rev-list', '--reverse', `${start}..HEAD`, '--', 'x1.cfg'], { cwd: archive.dir }).toString().trim().split('\n');
    if (s!.result === 'superseded') assert.deepEqual(commits, [u!.commit], 'only the newer pull committed');
    else assert.deepEqual(commits, [s!.commit, u!.commit], 'the older text first, the newer on top');
    assert.equal(state.lastCommit('x1'), u!.commit);
  } finally {
    state.close();
    await sim.close();
    await slow.close();
    ws.cleanup();
  }
});
