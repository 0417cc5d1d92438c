/**
 * The daemon end to end: a config-change message over UDP, TCP and TLS pulls the simulated device;
 * a burst gives one pull; 10,000 hostile inputs leave it working. Real sockets, SSH, git, SQLite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createLogger } from '../../src/core/log.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';
import { fuzzInputs, makePki, octet, sendStream, sendUdp, until } from '../syslog/helpers.js';

const configI = (user: string) => `<189>1: *Nov 25 07:40:01: %SYS-5-CONFIG_I: Configured from console by ${user} on vty0 (10.0.0.9)`;

async function daemonWith(syslog: Record<string, unknown>, fn: (d: Daemon, sim: SimDevice) => Promise<void>) {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'sl1', lines: 150 }), name: 'sl1' }).start();
  const ws = makeWorkspace([{ name: 'sl1', sim }], { schedule: '0 0 1 1 *', run_at_start: false, syslog });
  Object.assign(process.env, TEST_ENV);
  const daemon = await Daemon.start({ configFile: ws.config, log: createLogger('silent'), retryIntervalMs: 3600_000 });
  try {
    await fn(daemon, sim);
  } finally {
    await daemon.stop();
    await sim.close();
    ws.cleanup();
  }
}

const port = (d: Daemon, t: string) => d.syslogAddresses.find((a) => a.transport === t)!.port;

test('%SYS-5-CONFIG_I over UDP, TCP and TLS each pull the device; the claim names jdoe; events are kept', async () => {
  const pki = makePki();
  try {
    await daemonWith({ listen: ['udp://127.0.0.1:0', 'tcp://127.0.0.1:0', 'tls://127.0.0.1:0'], tls: { cert: pki.files.cert, key: pki.files.key }, debounce_seconds: 0.2 }, async (daemon, sim) => {
      assert.equal(sim.stats.logins, 0, 'run_at_start: false pulls nothing at start');
      await sendUdp(port(daemon, 'udp'), [configI('jdoe')]);
      await until(() => sim.stats.logins === 1);
      assert.equal(daemon.syslogClaims.get('sl1')?.user, 'jdoe');
      assert.equal(daemon.syslogClaims.get('sl1')?.source, '10.0.0.9');
      await daemon.idle();
      // The contract: the commit names who syslog says made the change, labelled as a claim.
      const body = execFileSync('git', ['-C', daemon.config.store, 'log', '-1', '--format=%B'], { encoding: 'utf8' });
      assert.match(body, /^Changed-By: jdoe$/m);
      assert.match(body, /^Change-Source: 10\.0\.0\.9$/m);
      assert.match(body, /^Change-Claimed-By: syslog \(unverified/m);
      await sendStream(port(daemon, 'tcp'), octet(configI('tcp-user')));
      await until(() => sim.stats.logins === 2);
      await daemon.idle();
      await sendStream(port(daemon, 'tls'), `${configI('tls-user')}\n`, { ca: pki.ca });
      await until(() => sim.stats.logins === 3);
      await daemon.idle();
      const events = daemon.syslogService!.events.list({ device: 'sl1' });
      assert.deepEqual(events.map((e) => [e.transport, e.user, e.source]), [['tls', 'tls-user', '10.0.0.9'], ['tcp', 'tcp-user', '10.0.0.9'], ['udp', 'jdoe', '10.0.0.9']]);
    });
  } finally {
    pki.cleanup();
  }
});

test('100 datagrams within 1 s give one pull', async () => {
  await daemonWith({ listen: '127.0.0.1:0', debounce_seconds: 2 }, async (daemon, sim) => {
    await sendUdp(daemon.syslogPort!, Array.from({ length: 100 }, (_, i) => configI(`u${i}`)));
    await until(() => sim.stats.logins === 1, 30_000);
    await daemon.idle();
    const stats = daemon.syslogService!.stats;
    assert.equal(stats.changes, 100);
    assert.equal(stats.pulls, 1);
    assert.equal(daemon.syslogService!.pendingPulls, 0);
    assert.equal(sim.stats.logins, 1);
    assert.equal(daemon.syslogClaims.get('sl1')?.messages, 100);
  });
});

test('10,000 random and malformed datagrams and TCP streams leave the daemon recognising a good message', async () => {
  const rate = { messages_per_second: 1_000_000, burst: 1_000_000 }; // let every input reach the parser
  await daemonWith({ listen: ['udp://127.0.0.1:0', 'tcp://127.0.0.1:0'], debounce_seconds: 0.2, rate_limit: rate }, async (daemon, sim) => {
    const { datagrams, streams } = fuzzInputs((n) => randomBytes(n));
    for (let i = 0; i < datagrams.length; i += 500) await sendUdp(port(daemon, 'udp'), datagrams.slice(i, i + 500));
    for (let i = 0; i < streams.length; i += 25) await Promise.all(streams.slice(i, i + 25).map((s) => sendStream(port(daemon, 'tcp'), s)));
    const stats = daemon.syslogService!.stats;
    await until(() => stats.received > 8000 && daemon.syslogService!.pendingPulls === 0, 30_000);
    // A settled burst starts its pull on the next timer tick: let it start, then let it finish.
    await new Promise((r) => setTimeout(r, 100));
    await daemon.idle();
    assert.ok(stats.malformed > 1000, `malformed counted: ${JSON.stringify(stats)}`);
    assert.ok(stats.streamErrors > 0);
    const logins = sim.stats.logins;
    await sendStream(port(daemon, 'tcp'), octet(configI('after-fuzz')));
    await until(() => daemon.syslogClaims.get('sl1')?.user === 'after-fuzz' && sim.stats.logins === logins + 1, 30_000);
    await sendUdp(port(daemon, 'udp'), [configI('after-fuzz-udp')]);
    await until(() => daemon.syslogClaims.get('sl1')?.user === 'after-fuzz-udp', 30_000);
  });
});
