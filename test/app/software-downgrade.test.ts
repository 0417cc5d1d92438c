/** A software downgrade seen on a pull alerts (critical) unless a window covers it; an upgrade does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullAndDeliver } from '../../src/app/pull-now.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('17.9.4a -> 17.6.1 on the same device is a critical software-downgrade alert; back up to 17.9.4a is not', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'v1', lines: 120 }), name: 'v1' }).start();
  const ws = makeWorkspace([{ name: 'v1', sim }], { facts_refresh_hours: 0 });
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  try {
    await pullAndDeliver(app, cfg.devices);
    assert.match(sim.answer('show version') ?? '', /17\.9\.4a/, 'the generated device runs 17.9.4a');
    sim.mutate('show version', (t) => t.replaceAll('17.9.4a', '17.6.1'));
    const down = await pullAndDeliver(app, cfg.devices);
    const alert = down.alerts.find((a) => a.sections?.includes('software-downgrade'));
    assert.ok(alert, JSON.stringify(down.alerts.map((a) => [a.kind, a.summary])));
    assert.equal(alert!.severity, 'critical');
    assert.match(alert!.summary, /17\.9\.4a -> 17\.6\.1/);
    assert.match(alert!.id, /^[0-9a-f]{32}$/, 'a deterministic id (the idempotency key), not a random one');
    sim.mutate('show version', (t) => t.replaceAll('17.6.1', '17.9.4a'));
    const up = await pullAndDeliver(app, cfg.devices);
    assert.equal(up.alerts.filter((a) => a.sections?.some((s) => s.startsWith('software-'))).length, 0, 'an upgrade never alerts');
  } finally {
    app.state.close();
    await sim.close();
    ws.cleanup();
  }
});
