/** Facts commands (`show version`) run on the first pull and when stale, not on every pull. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFile } from '../../src/config/load.js';
import { pullAndArchive } from '../../src/collect/cycle.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

for (const hours of [24, 0]) {
  test(`facts_refresh_hours: ${hours}`, async () => {
    const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'f1', lines: 150 }), name: 'f1' }).start();
    const ws = makeWorkspace([{ name: 'f1', sim }], { facts_refresh_hours: hours });
    const cfg = loadConfigFile(ws.config, TEST_ENV);
    const archive = await Archive.open(cfg.store);
    const state = StateDb.open(cfg.state);
    try {
      const commandsOf = async () => {
        const before = sim.commandLog.length;
        const [r] = await pullAndArchive(cfg, cfg.devices, { archive, state, now: () => new Date(), statusBefore: new Map(state.deviceStatus().map((row) => [row.name, row])) });
        assert.notEqual(r!.result, 'failed', r!.error);
        // The attribution command runs only for a changed config (see attribution-pull.test.ts): not counted here.
        return sim.commandLog.slice(before).filter((c) => c !== 'show archive log config all').length;
      };
      const first = await commandsOf();
      const second = await commandsOf();
      if (hours > 0) assert.equal(second, first - 1, 'show version skipped while facts are fresh');
      else assert.equal(second, first, 'show version on every pull');
      const facts = state.deviceStatus()[0]!.facts as { model?: string; os_version?: string };
      assert.equal(facts.model, 'C9300-48P', 'facts kept from the first pull');
      assert.equal(facts.os_version, '17.9.4a');
    } finally {
      state.close();
      await sim.close();
      ws.cleanup();
    }
  });
}
