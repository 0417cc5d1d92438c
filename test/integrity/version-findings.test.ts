/** The versions file against pulled facts: a finding alerts once (not every cycle), a new entry in the file alerts, stored facts count when a pull skips facts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCycle } from '../../src/app/cycle/run-cycle.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('below the minimum alerts on the first cycle only; a raised minimum in the edited file alerts again', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'vf1', lines: 120 }), name: 'vf1' }).start();
  // facts_refresh_hours default (24): the second and third pulls skip `show version`, the stored facts decide.
  const ws = makeWorkspace([{ name: 'vf1', sim }], { software: { versions_file: './versions.yaml' } });
  const versions = (yaml: string) => writeFileSync(join(ws.dir, 'versions.yaml'), yaml);
  versions('versions:\n  - platform: cisco_ios\n    minimum: 17.12.1\n');
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const app = { cfg, archive: await Archive.open(cfg.store), state: StateDb.open(cfg.state), log: createLogger('silent'), clock: () => new Date() };
  const findings = (r: { alerts: Array<{ sections?: string[]; summary: string; severity: string }> }) => r.alerts.filter((a) => a.sections?.some((s) => s === 'software-below-minimum' || s === 'software-end-of-life'));
  try {
    const first = findings(await runCycle(app, cfg.devices));
    assert.equal(first.length, 1, 'the generated device runs 17.9.4a, below 17.12.1');
    assert.equal(first[0]!.severity, 'critical');
    assert.match(first[0]!.summary, /17\.9\.4a is below the minimum 17\.12\.1/);

    const second = await runCycle(app, cfg.devices);
    assert.equal(second.records[0]!.pull.facts, undefined, 'this pull skipped the facts commands');
    assert.equal(findings(second).length, 0, 'the same finding is not alerted every cycle');

    versions('versions:\n  - platform: cisco_ios\n    minimum: 17.15.10\n    end_of_life: 2020-01-01\n');
    const third = findings(await runCycle(app, cfg.devices));
    assert.equal(third.length, 1, 'the edited file is read at the next cycle');
    assert.deepEqual(third[0]!.sections, ['software-below-minimum', 'software-end-of-life']);
    assert.equal(findings(await runCycle(app, cfg.devices)).length, 0);

    versions('versions:\n  - platform: cisco_ios\n    minimum: 17.1.1\n');
    assert.equal(findings(await runCycle(app, cfg.devices)).length, 0, 'no finding left');
    versions('versions:\n  - platform: cisco_ios\n    minimum: 17.12.1\n');
    assert.equal(findings(await runCycle(app, cfg.devices)).length, 1, 'a finding that went away and came back alerts again');
  } finally {
    app.state.close();
    await sim.close();
    ws.cleanup();
  }
});
