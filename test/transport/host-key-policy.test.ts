/**
 * Host-key policies through the real transport, with a real state file: known_hosts (plain,
 * hashed by ssh-keygen -H, [host]:port), a device's host_key, @revoked, strict versus tofu.
 * A refused key never gets as far as a login, and is recorded for `hostkey accept`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinOnFirstUse, type HostKeyEvent } from '../../src/collect/host-key-policy.js';
import { pullDevice, type PullConfig } from '../../src/collect/pull-device.js';
import type { Device } from '../../src/config/schema.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { hostKeyAuditRepo } from '../../src/state/hostkey-audit-repo.js';
import { StateDb } from '../../src/store/state.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { acceptAll, CFG, simTarget, sshdTarget } from './targets.js';

let dir: string;
let sim: SimDevice;
let state: StateDb;
let sshd: Sshd | undefined;
let sshdKey = '';
const events: HostKeyEvent[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftwatch-hostkeys-'));
  sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'hk1', lines: 150 }), name: 'hk1' }).start();
  state = StateDb.open(join(dir, 'state.db'));
  if (!skipWithoutSshd) {
    sshd = await startSshd();
    sshdKey = join(sshd.dir, 'login_key');
    writeFileSync(sshdKey, sshd.privateKey, { mode: 0o600 });
  }
});
after(async () => {
  state.close();
  await sim.close();
  await sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A pull with the state's TOFU check underneath, as the cycle wires it. */
async function pull(device: Device, cfg: Partial<PullConfig>) {
  const deps = acceptAll({ hostKeyCheck: (d) => pinOnFirstUse(state, d.name, () => new Date(), (e) => events.push(e)) });
  return pullDevice(device, { ...CFG, ...cfg }, deps);
}

function knownHosts(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const simLine = () => `[127.0.0.1]:${sim.port} ${sim.hostKey.publicKey.split(' ').slice(0, 2).join(' ')}`;
/** Another valid ed25519 key: what an impostor would present. */
const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

async function refused(device: Device, cfg: Partial<PullConfig>) {
  const logins = sim.stats.logins;
  const outcome = await pull(device, cfg);
  assert.equal(outcome.ok, false, 'the pull was expected to be refused');
  if (device.port === sim.port) assert.equal(sim.stats.logins, logins, 'no login with a refused key');
  return (outcome as Extract<typeof outcome, { ok: false }>).error;
}

test('strict: a plain [host]:port entry is trusted; the same key under another port is unknown', async () => {
  const file = knownHosts('plain', ['# comment', simLine()]);
  const ok = await pull(simTarget('s-plain', sim), { host_key_policy: 'strict', known_hosts: file });
  assert.ok(ok.ok, !ok.ok ? ok.error.message : '');
  const wrongPort = knownHosts('port', [`[127.0.0.1]:${sim.port + 1} ${sim.hostKey.publicKey}`]);
  const err = await refused(simTarget('s-port', sim), { host_key_policy: 'strict', known_hosts: wrongPort });
  assert.equal(err.kind, 'host-key-mismatch');
  assert.match(err.message, /host-key-unknown, host_key_policy strict\): not in .*port and the device has no host_key; refused before authentication/);
  const presented = hostKeyAuditRepo(state.db).presented('s-port');
  assert.equal(presented?.fingerprint, sim.hostKey.fingerprint, 'the refused key is recorded for hostkey accept');
  assert.equal(presented?.publicKey, sim.hostKey.blob.toString('base64'));
});

test('sshd in strict mode: a plain [host]:port entry, then the same file hashed by ssh-keygen -H (sim and sshd)', { skip: skipWithoutSshd }, async () => {
  const file = knownHosts('hashed', [simLine(), `[127.0.0.1]:${sshd!.port} ${sshd!.publicHostKey}`]);
  const plain = await pull(sshdTarget('d-plain', sshd!, sshdKey), { host_key_policy: 'strict', known_hosts: file });
  assert.ok(plain.ok, !plain.ok ? plain.error.message : '');
  const r = spawnSync('ssh-keygen', ['-H', '-f', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^\|1\|/m, 'entries are hashed');
  assert.doesNotMatch(text, /127\.0\.0\.1/, 'no host name left in clear');
  const viaSim = await pull(simTarget('s-hashed', sim), { host_key_policy: 'strict', known_hosts: file });
  assert.ok(viaSim.ok, !viaSim.ok ? viaSim.error.message : '');
  const viaSshd = await pull(sshdTarget('d-hashed', sshd!, sshdKey), { host_key_policy: 'strict', known_hosts: file });
  assert.ok(viaSshd.ok, !viaSshd.ok ? viaSshd.error.message : '');
});

test('sshd: strict without an entry is refused; a wrong login key is auth', { skip: skipWithoutSshd }, async () => {
  const empty = knownHosts('empty', []);
  const unknown = await pull(sshdTarget('d-unknown', sshd!, sshdKey), { host_key_policy: 'strict', known_hosts: empty });
  assert.equal(!unknown.ok && unknown.error.kind, 'host-key-mismatch');
  const wrongKey = join(dir, 'wrong_key');
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
  const auth = await pull(sshdTarget('d-auth', sshd!, wrongKey), {});
  assert.equal(!auth.ok && auth.error.kind, 'auth', !auth.ok ? auth.error.message : 'pulled');
});

test('known_hosts with another key for the host refuses under tofu too, and reports the event', async () => {
  const file = knownHosts('other', [`[127.0.0.1]:${sim.port} ${otherKey}`]);
  const before = events.length;
  const err = await refused(simTarget('t-other', sim), { known_hosts: file });
  assert.equal(err.kind, 'host-key-mismatch');
  assert.match(err.message, /does not match the key\(s\) for \[127\.0\.0\.1\]:\d+ in .*other \(line 1\)/);
  assert.equal(events.length, before + 1);
  assert.equal(state.getHostKey('t-other'), undefined, 'nothing pinned from a refused key');
});

test('@revoked refuses the key under any policy, even one already pinned', async () => {
  state.pinHostKey('t-revoked', 'ssh-ed25519', sim.hostKey.fingerprint, new Date());
  const file = knownHosts('revoked', [`@revoked * ${sim.hostKey.publicKey}`]);
  const err = await refused(simTarget('t-revoked', sim), { known_hosts: file });
  assert.match(err.message, /is marked @revoked in .*revoked:1/);
});

test("a device's host_key decides: its own fingerprint passes, any other is refused", async () => {
  const ok = await pull(simTarget('h-ok', sim, { host_key: sim.hostKey.fingerprint, host_key_policy: 'strict' }), {});
  assert.ok(ok.ok, !ok.ok ? ok.error.message : '');
  const wrong = 'SHA256:' + 'A'.repeat(43);
  const err = await refused(simTarget('h-wrong', sim, { host_key: wrong }), {});
  assert.match(err.message, new RegExp(`does not match host_key ${wrong}`));
});

test('tofu without known entries pins the first key and refuses a rotated one, recording it', async () => {
  const first = await pull(simTarget('tofu1', sim), {});
  assert.ok(first.ok);
  assert.equal(state.getHostKey('tofu1')?.fingerprint, sim.hostKey.fingerprint);
  const old = sim.hostKey;
  const fresh = sim.rotateHostKey();
  try {
    const err = await refused(simTarget('tofu1', sim), {});
    assert.match(err.message, /does not match the pinned key/);
    assert.equal(hostKeyAuditRepo(state.db).presented('tofu1')?.fingerprint, fresh.fingerprint);
  } finally {
    sim.rotateHostKey(old);
  }
});

test('a missing known_hosts file refuses the pull with a clear message', async () => {
  const err = await refused(simTarget('t-missing', sim), { known_hosts: join(dir, 'no-such-file') });
  assert.equal(err.kind, 'host-key-mismatch');
  assert.match(err.message, /cannot read known_hosts .*no-such-file: ENOENT/);
});
