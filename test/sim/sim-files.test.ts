/**
 * The simulator as scripts use it: the devices file (with its own store and state) exists when
 * "ready" is printed, the ready file is written, the host key survives a restart through the key
 * file (unless --rotate-keys), and --detach returns only once the devices answer.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { connect, sleep } from './client.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-sim-files-'));
const started: number[] = [];
after(() => {
  for (const pid of started) try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  rmSync(dir, { recursive: true, force: true });
});

/** Start `driftwatch sim` in the foreground; resolves at its "ready" line on stdout. */
async function foreground(args: string[]) {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/driftwatch.js'), 'sim', '--generate', 'ios', '--count', '2', '--lines', '200', ...args]);
  started.push(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  const ready = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      stdout += b;
      const line = stdout.split('\n').find((l) => l.includes('ready'));
      if (line) resolve(line);
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code} before ready: ${stderr}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { ready, stop, stderr: () => stderr };
}

const keyOf = async (port: number) => {
  const { client, hostKey } = await connect(port);
  client.end();
  return hostKey.toString('base64');
};

test('ready means: devices file and ready file written; store and state beside the devices file', async () => {
  const devices = join(dir, 'lab', 'sim.yaml');
  const readyFile = join(dir, 'lab.ready');
  rmSync(join(dir, 'lab'), { recursive: true, force: true });
  await import('node:fs').then((fs) => fs.mkdirSync(join(dir, 'lab')));
  const sim = await foreground(['--devices-out', devices, '--ready-file', readyFile]);
  try {
    assert.match(sim.ready, /^driftwatch sim: ready \(2 device\(s\), devices file .*sim\.yaml\)$/);
    const cfg = parseConfig(readFileSync(devices, 'utf8'), devices, {});
    assert.equal(cfg.devices.length, 2);
    assert.equal(cfg.store, join(dir, 'lab', 'sim-store'), 'never ./store');
    assert.equal(cfg.state, join(dir, 'lab', 'sim.db'), 'never ./driftwatch.db');
    const info = JSON.parse(readFileSync(readyFile, 'utf8'));
    assert.equal(info.devices, 2);
    assert.ok(info.pid > 0);
    await keyOf(cfg.devices[0]!.port); // listening at ready time
    assert.equal(statSync(join(dir, 'lab', 'sim.hostkey')).mode & 0o777, 0o600, 'the key file is private');
  } finally {
    assert.equal(await sim.stop(), 0);
  }
  assert.ok(!existsSync(readyFile), 'a stopped simulator removes its ready file');
});

test('a second start with the same key file presents the same host key; --rotate-keys a new one', async () => {
  const devices = join(dir, 'keys.yaml');
  const portOf = () => (parse(readFileSync(devices, 'utf8')) as { devices: Array<{ port: number }> }).devices[1]!.port;
  const first = await foreground(['--devices-out', devices]);
  const key1 = await keyOf(portOf());
  await first.stop();
  const second = await foreground(['--devices-out', devices]);
  const key2 = await keyOf(portOf());
  await second.stop();
  assert.equal(key2, key1, 'restart keeps the key');
  const rotated = await foreground(['--devices-out', devices, '--rotate-keys']);
  const key3 = await keyOf(portOf());
  await rotated.stop();
  assert.notEqual(key3, key1, '--rotate-keys changes it');
  const after = await foreground(['--devices-out', devices]);
  assert.equal(await keyOf(portOf()), key3, 'and the rotated key is the one kept');
  await after.stop();
});

test('a key file that is not a key is a usage error naming it', async () => {
  const bad = join(dir, 'bad.hostkey');
  writeFileSync(bad, 'not a key\n');
  const r = await runCli(['sim', '--generate', 'ios', '--count', '1', '--key-file', bad]);
  assert.equal(r.code, 2);
  assert.ok(r.stderr.includes(bad), r.stderr);
});

test('--detach returns once the devices answer; the pid file stops it', async () => {
  const devices = join(dir, 'bg.yaml');
  const r = await runCli(['sim', '--generate', 'ios', '--count', '2', '--lines', '200', '--devices-out', devices, '--detach']);
  assert.equal(r.code, 0, r.stderr);
  const pid = Number(readFileSync(join(dir, 'bg.pid'), 'utf8'));
  started.push(pid);
  assert.match(r.stdout, new RegExp(`ready \\(2 device\\(s\\).*pid ${pid}`));
  const cfg = parseConfig(readFileSync(devices, 'utf8'), devices, {});
  await keyOf(cfg.devices[1]!.port); // no wait, no retry: it is up when --detach returns
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 400 && existsSync(join(dir, 'bg.pid')); i++) await sleep(50);
  assert.ok(!existsSync(join(dir, 'bg.pid')), 'the pid file goes with the process');
});

test('--detach without a place for the pid file is a usage error', async () => {
  const r = await runCli(['sim', '--generate', 'ios', '--detach']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--detach needs --devices-out/);
});

test('a devices file that cannot be written stops the simulator with a usage error naming it', async () => {
  const out = join(dir, 'missing-dir', 'sim.yaml');
  const r = await runCli(['sim', '--generate', 'ios', '--count', '1', '--key-file', join(dir, 'k.hostkey'), '--devices-out', out]);
  assert.equal(r.code, 2, 'exits (the listening device does not keep it alive)');
  assert.ok(r.stderr.includes(`cannot write ${out}: ENOENT`), r.stderr);
});
