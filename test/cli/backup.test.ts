/**
 * `driftwatch backup <dir>` while another connection has unsaved WAL pages, then the restore
 * exactly as README "Upgrade and backup" describes it: the restored copy knows the baselines,
 * approvals and pinned host keys, so the next pull is "unchanged", not a first snapshot.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify, parse } from 'yaml';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
let sim: SimDevice;
let ws: Workspace;

before(async () => {
  sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'core-sw1', lines: 200, seed: 3 }), name: 'core-sw1' }).start();
  ws = makeWorkspace([{ name: 'core-sw1', sim, group: 'core' }]);
});

after(async () => {
  await sim.close();
  ws.cleanup();
});

test('backup is consistent while the state is open, and the documented restore brings everything back', async () => {
  assert.equal((await runCli(['pull', '--config', ws.config], { env: TEST_ENV })).code, 0);
  assert.equal((await runCli(['approve', 'core-sw1', '--config', ws.config, '--by', 'alice', '--message', 'CHG-1'], { env: TEST_ENV })).code, 0);

  // A writer that keeps its connection open: its last write is in the WAL only, not in the main file
  // (a `cp state.db` backup would miss it).
  const writer = new Database(ws.state);
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec("CREATE TABLE backup_probe (v TEXT); INSERT INTO backup_probe VALUES ('in-the-wal')");
  const dir = join(ws.dir, 'backup-1');
  try {
    const r = await runCli(['backup', dir, '--config', ws.config], { env: TEST_ENV });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /store\.bundle/);
  } finally {
    writer.close();
  }
  for (const f of ['state.db', 'store.bundle', 'manifest.json']) assert.equal(statSync(join(dir, f)).mode & 0o077, 0, `${f} is private`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.refs['refs/baselines/core-sw1'], git(ws.store, 'rev-parse', 'refs/baselines/core-sw1'));

  // A second backup into the same folder is refused (exit 2) and leaves the first intact.
  const again = await runCli(['backup', dir, '--config', ws.config], { env: TEST_ENV });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /not empty/);

  // Restore as documented, into a new place.
  const target = join(ws.dir, 'restored');
  mkdirSync(target);
  execFileSync('git', ['clone', '--quiet', join(dir, 'store.bundle'), join(target, 'store')]);
  git(join(target, 'store'), 'fetch', '--quiet', 'origin', '+refs/baselines/*:refs/baselines/*');
  git(join(target, 'store'), 'remote', 'remove', 'origin');
  execFileSync('chmod', ['-R', 'go-rwx', join(target, 'store')]);
  copyFileSync(join(dir, 'state.db'), join(target, 'driftwatch.db'));
  copyFileSync(join(dir, 'fingerprint.key'), join(target, 'fingerprint.key'));
  chmodSync(join(target, 'fingerprint.key'), 0o600);
  const probe = new Database(join(target, 'driftwatch.db'), { readonly: true });
  assert.equal((probe.prepare('SELECT v FROM backup_probe').get() as { v: string }).v, 'in-the-wal');
  probe.close();

  const restored = join(target, 'devices.yaml');
  writeFileSync(restored, stringify({ ...parse(readFileSync(ws.config, 'utf8')), store: './store', state: './driftwatch.db' }));
  for (const ref of ['refs/heads/main', 'refs/baselines/core-sw1']) assert.equal(git(join(target, 'store'), 'rev-parse', ref), git(ws.store, 'rev-parse', ref));
  assert.equal(git(join(target, 'store'), 'tag', '--list'), git(ws.store, 'tag', '--list'));
  assert.equal(git(join(target, 'store'), 'status', '--porcelain'), '', 'work tree checked out and clean');
  const pull = await runCli(['pull', '--config', restored], { env: TEST_ENV });
  assert.equal(pull.code, 0, pull.stderr);
  assert.match(pull.stdout, /core-sw1\s+unchanged/);
  const status = JSON.parse((await runCli(['status', '--json', '--config', restored], { env: TEST_ENV })).stdout.trim().split('\n')[0]!);
  assert.equal(status.result, 'unchanged');
});

test('backup without a state file says so (exit 2) and writes nothing', async () => {
  const cfg = join(ws.dir, 'empty.yaml');
  writeFileSync(cfg, stringify({ ...parse(readFileSync(ws.config, 'utf8')), store: './nostore', state: './nostate.db' }));
  const r = await runCli(['backup', join(ws.dir, 'backup-none'), '--config', cfg], { env: TEST_ENV });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no state file at .*nostate\.db/);
});
