/** A config-change syslog message pulls the device at once, without waiting for the schedule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createLogger } from '../../src/core/log.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { isConfigChange, parseListen } from '../../src/daemon/syslog.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('config-change messages are recognised, other syslog is not', () => {
  assert.ok(isConfigChange('<189>123: *Nov 25 07:40:01.123: %SYS-5-CONFIG_I: Configured from console by mallory on vty0 (10.0.0.5)'));
  assert.ok(isConfigChange('<189>2026 Nov 25 07:40:01 sw1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.5@pts/0'));
  assert.ok(isConfigChange('<29>Nov 25 07:40:01 r1 mgd[1234]: UI_COMMIT: User \'alice\' requested \'commit\' operation'));
  assert.ok(!isConfigChange('<187>Nov 25 07:40:01 sw1 %LINK-3-UPDOWN: Interface Gi1/0/1, changed state to down'));
  assert.deepEqual(parseListen('127.0.0.1:5514'), { address: '127.0.0.1', port: 5514, family: 'udp4' });
  assert.deepEqual(parseListen('[::1]:514'), { address: '::1', port: 514, family: 'udp6' });
  assert.throws(() => parseListen('nonsense'));
});

test('the daemon pulls a device right after its config-change syslog message', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'sl1', lines: 150 }), name: 'sl1' }).start();
  const ws = makeWorkspace([{ name: 'sl1', sim }], { schedule: '0 0 1 1 *', syslog: { listen: '127.0.0.1:0', debounce_seconds: 0.1 } });
  Object.assign(process.env, TEST_ENV);
  const daemon = await Daemon.start({ configFile: ws.config, log: createLogger('silent'), retryIntervalMs: 3600_000 });
  const state = StateDb.open(ws.state);
  const udp = createSocket('udp4');
  try {
    await daemon.idle(); // the run-at-start cycle sets the baseline
    assert.ok(state.getBaseline('sl1'));
    sim.mutate('show running-config', (t) => t.replace(/^(hostname .*)$/m, '$1\nusername mallory privilege 15 secret 0 x'));
    const loginsBefore = sim.stats.logins;
    udp.send('<189>1: %SYS-5-CONFIG_I: Configured from console by mallory on vty0', daemon.syslogPort!, '127.0.0.1');
    const deadline = Date.now() + 10_000;
    while (!state.getOpenDrift('sl1') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(state.getOpenDrift('sl1'), 'drift found without waiting for the schedule');
    assert.equal(sim.stats.logins, loginsBefore + 1);
  } finally {
    udp.close();
    state.close();
    await daemon.stop();
    await sim.close();
    ws.cleanup();
  }
});
