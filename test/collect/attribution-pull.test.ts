/**
 * Attribution end to end over SSH: the simulator answers the attribution command, the commit
 * carries Changed-By / Changed-At / Change-Source / Change-Via and the device user as author.
 * The command runs in the same session only when the config changed, and its failure never
 * fails the pull.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { pullAndArchive, type DeviceResult } from '../../src/collect/cycle.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { loadTranscript, type Transcript } from '../../src/sim/transcript.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

const DRIVERS = fileURLToPath(new URL('../../src/drivers/', import.meta.url));
const fixture = (driver: string, file: string) => readFileSync(`${DRIVERS}${driver}/fixtures/${file}`, 'utf8');
const ARCHIVE_LOG = 'show archive log config all';
const IOS_HEADER = /^! Last configuration change at .*$/m;

async function withStore(sim: SimDevice, platform: string | undefined, fn: (pull: () => Promise<DeviceResult>, ws: Workspace, cfg: Config) => Promise<void>): Promise<void> {
  const ws = makeWorkspace([{ name: 'dev1', sim, ...(platform ? { platform } : {}) }]);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  try {
    const pull = async () => {
      const [r] = await pullAndArchive(cfg, cfg.devices, { archive, state, now: () => new Date(), statusBefore: new Map(state.deviceStatus().map((row) => [row.name, row])) });
      assert.notEqual(r!.result, 'failed', r!.error);
      return r!;
    };
    await fn(pull, ws, cfg);
  } finally {
    state.close();
    await sim.close();
    ws.cleanup();
  }
}

/** Author name and message of the newest commit touching the device file. */
function lastCommit(ws: Workspace): { author: string; message: string } {
  const out = execFileSync('git', ['-C', ws.store, 'log', '-1', '--format=%an%x00%B', '--', 'dev1.cfg'], { encoding: 'utf8' });
  const [author, message] = out.split('\0');
  return { author: author!, message: message! };
}

const ran = (sim: SimDevice, command: string) => sim.commandLog.filter((c) => c === command).length;

test('IOS: header names who and when, the archive log adds the commands typed (secrets masked), author is the device user', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'dev1', lines: 120 }), name: 'dev1' }).start();
  sim.mutate('show running-config', (a) => a.replace(IOS_HEADER, '! Last configuration change at 03:12:05 UTC Tue Sep 30 2025 by jdoe'));
  // An archive without `hidekeys` logs the secret as typed: it must not reach the commit.
  sim.setOutput(ARCHIVE_LOG, fixture('cisco_ios', 'archive-log.txt').replace('secret *****', 'secret 0 Hunter2-typed'));
  await withStore(sim, undefined, async (pull, ws) => {
    const first = await pull();
    assert.equal(first.result, 'changed');
    assert.equal(ran(sim, ARCHIVE_LOG), 1, 'first snapshot: the archive log runs');
    const { author, message } = lastCommit(ws);
    assert.equal(author, 'jdoe');
    assert.match(message, /^Changed-By: jdoe$/m);
    assert.match(message, /^Changed-At: 03:12:05 UTC Tue Sep 30 2025$/m);
    assert.match(message, /^Change-Via: vty0$/m);
    assert.match(message, /^Change-Commands: username backdoor privilege 15 secret .*; line vty 0 4 ; transport input telnet ssh$/m);
    assert.doesNotMatch(message, /Hunter2-typed/, 'typed secret masked like a config line');

    const same = await pull();
    assert.equal(same.result, 'unchanged');
    assert.equal(ran(sim, ARCHIVE_LOG), 1, 'unchanged config: no extra round trip');

    sim.addConfigLines(['username backdoor privilege 15 secret 5 $1$abcd$0123456789abcdefghij']);
    const changed = await pull();
    assert.equal(changed.result, 'changed');
    assert.equal(ran(sim, ARCHIVE_LOG), 2, 'changed config: the archive log runs again');
    assert.equal(changed.changedBy?.via, 'vty0');
  });
});

test('IOS: archive not configured (error answer) or archive of another user: the pull still works, the header alone attributes', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'dev1', lines: 80 }), name: 'dev1' }).start();
  sim.mutate('show running-config', (a) => a.replace(IOS_HEADER, '! Last configuration change at 03:12:05 UTC Tue Sep 30 2025 by jdoe'));
  await withStore(sim, undefined, async (pull, ws) => {
    // No answer recorded: the simulator says "% Invalid input detected".
    const r = await pull();
    assert.equal(r.result, 'changed');
    assert.equal(ran(sim, ARCHIVE_LOG), 1);
    assert.deepEqual(r.changedBy, { at: '03:12:05 UTC Tue Sep 30 2025', user: 'jdoe' });
    const { author, message } = lastCommit(ws);
    assert.equal(author, 'jdoe');
    assert.doesNotMatch(message, /Change-Via|Change-Commands/);

    sim.setOutput(ARCHIVE_LOG, fixture('cisco_ios', 'archive-log.txt').replace(/jdoe/g, 'eve'));
    sim.addConfigLines(['ntp server 10.9.9.9']);
    const other = await pull();
    assert.deepEqual(other.changedBy, { at: '03:12:05 UTC Tue Sep 30 2025', user: 'jdoe' }, "another user's session is not this change");
  });
});

test('PAN-OS: the config log gives user, time, source and channel; all four trailers and the author', async () => {
  const transcript = loadTranscript(`${DRIVERS}paloalto_panos/fixtures/panos#PA-VM_10.2.9-h1#simulation.yaml`);
  const sim = await new SimDevice({ transcript, crlf: true, name: 'dev1' }).start();
  sim.setOutput('show log config direction equal backward', fixture('paloalto_panos', 'config-log.txt'));
  await withStore(sim, 'paloalto_panos', async (pull, ws) => {
    const r = await pull();
    assert.equal(r.result, 'changed');
    const { author, message } = lastCommit(ws);
    assert.equal(author, 'jdoe');
    assert.match(message, /^Changed-By: jdoe$/m);
    assert.match(message, /^Changed-At: 2025\/09\/30 03:12:05$/m);
    assert.match(message, /^Change-Source: 10\.0\.0\.9$/m);
    assert.match(message, /^Change-Via: web$/m);
    await pull();
    assert.equal(ran(sim, 'show log config direction equal backward'), 1, 'unchanged: not asked again');
    // The command must come after the config commands, in the same session (one login per pull).
    const log = sim.commandLog;
    assert.ok(log.indexOf('show log config direction equal backward') > log.indexOf('show config running'));
    assert.equal(sim.stats.logins, 2);
  });
});

/** A Junos box reached over exec channels, its header with or without the committing user. */
function junos(header: string): Transcript {
  const config = `${header}\nversion 22.4R3;\nsystem {\n    host-name dev1;\n}\n`;
  return {
    name: 'junos#synthetic#simulation.yaml',
    model: 'junos',
    initPrompt: '',
    ordered: false,
    commands: [
      ['show version\n', 'Hostname: dev1\nModel: srx300\nJunos: 22.4R3-S2.11\n'],
      ['show chassis hardware\n', 'Hardware inventory:\nItem             Version  Part number  Serial number     Description\nChassis                                CV1234AA0001      SRX300\n'],
      ['show configuration | display omit\n', config],
    ],
  };
}

test('Junos (exec): header with a user needs no command; without one, show system commit runs, and an unknown command (exit 1) fails nothing', async () => {
  const withUser = await new SimDevice({ transcript: junos('## Last commit: 2025-09-30 03:12:05 UTC by jdoe'), name: 'dev1' }).start();
  await withStore(withUser, 'juniper_junos', async (pull, ws) => {
    const r = await pull();
    assert.equal(ran(withUser, 'show system commit'), 0, 'the header already says who and when');
    assert.equal(r.changedBy?.user, 'jdoe');
    assert.equal(lastCommit(ws).author, 'jdoe');
  });

  const noUser = await new SimDevice({ transcript: junos('## Last changed: 2025-09-30 03:12:05 UTC'), name: 'dev1' }).start();
  await withStore(noUser, 'juniper_junos', async (pull, ws) => {
    // Not answered: the simulator writes an error on stderr and exits 1.
    const failed = await pull();
    assert.equal(ran(noUser, 'show system commit'), 1);
    assert.equal(failed.result, 'changed');
    assert.deepEqual(failed.changedBy, { at: '2025-09-30 03:12:05 UTC' });
    assert.equal(lastCommit(ws).author, 'driftwatch', 'no user known: the author stays driftwatch');

    noUser.setOutput('show system commit', fixture('juniper_junos', 'system-commit.txt'));
    noUser.mutate('show configuration | display omit', (a) => a.replace('host-name dev1;', 'host-name dev1;\n    time-zone UTC;'));
    const r = await pull();
    assert.deepEqual(r.changedBy, { user: 'jdoe', at: '2025-09-30 03:12:05 UTC', via: 'netconf' });
    const { author, message } = lastCommit(ws);
    assert.equal(author, 'jdoe');
    assert.match(message, /^Change-Via: netconf$/m);
  });
});

test('a follow-up command whose connection drops fails the pull as any command would', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'dev1', lines: 60 }), name: 'dev1' }).start();
  sim.setOutput(ARCHIVE_LOG, fixture('cisco_ios', 'archive-log.txt'));
  sim.disconnectAfterBytes(ARCHIVE_LOG, 20);
  const ws = makeWorkspace([{ name: 'dev1', sim }]);
  const cfg = loadConfigFile(ws.config, TEST_ENV);
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  try {
    const [r] = await pullAndArchive(cfg, cfg.devices, { archive, state, now: () => new Date(), statusBefore: new Map() });
    assert.equal(r!.result, 'failed');
    assert.equal(r!.errorKind, 'incomplete-output');
  } finally {
    state.close();
    await sim.close();
    ws.cleanup();
  }
});
