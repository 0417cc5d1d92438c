/**
 * One test per error kind, through the real transport (pullDevice -> ssh2 -> TCP) against the
 * simulator or a plain TCP server speaking nonsense. Each assertion names the kind exactly, so
 * mapping any of them to another kind in classify.ts (e.g. auth to protocol) fails here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullDevice } from '../../src/collect/pull-device.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { acceptAll, captureLog, CFG, simTarget } from './targets.js';

let sim: SimDevice;
before(async () => {
  sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'kinds1', lines: 200 }), name: 'kinds1' }).start();
});
after(() => sim.close());

async function failure(device = simTarget('kinds1', sim), deps = acceptAll(), cfg = CFG) {
  const outcome = await pullDevice(device, cfg, deps);
  assert.equal(outcome.ok, false, 'the pull was expected to fail');
  return (outcome as Extract<typeof outcome, { ok: false }>).error;
}

/** A loopback TCP server with a handler per socket; closed by the caller. */
async function tcpServer(onSocket: (s: Socket) => void): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { server, port, sockets };
}
const closeServer = (t: { server: Server; sockets: Set<Socket> }) => {
  for (const s of t.sockets) s.destroy();
  return new Promise<void>((resolve) => t.server.close(() => resolve()));
};

test('a working pull succeeds (the baseline the failures below depart from)', async () => {
  const outcome = await pullDevice(simTarget('kinds1', sim), CFG, acceptAll());
  assert.ok(outcome.ok, !outcome.ok ? outcome.error.message : '');
  assert.match(outcome.config, /^hostname kinds1$/m);
  assert.equal(outcome.handshake.hostKeyType, 'ssh-ed25519');
  assert.equal(outcome.handshake.hostKeyBits, 256);
  assert.equal(outcome.handshake.hostKeyFingerprint, sim.hostKey.fingerprint);
  assert.equal(outcome.handshake.kex, 'curve25519-sha256');
});

test('unreachable: nothing listens on the port', async () => {
  const t = await tcpServer(() => {});
  const port = t.port;
  await closeServer(t);
  const err = await failure(simTarget('gone', sim, { port }));
  assert.equal(err.kind, 'unreachable', err.message);
  assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
});

test('timeout: the server accepts TCP but never speaks SSH', async () => {
  const t = await tcpServer(() => {});
  try {
    const err = await failure(simTarget('mute', sim, { port: t.port }), acceptAll(), { ...CFG, timeouts: { ...CFG.timeouts, connect: 1 } });
    assert.equal(err.kind, 'timeout', err.message);
    assert.match(err.message, /no SSH handshake within 1s/);
  } finally {
    await closeServer(t);
  }
});

test('timeout: the device stops in the middle of the config and stays silent', async () => {
  sim.hangAfterBytes('show running-config', 1500);
  try {
    const err = await failure(undefined, acceptAll(), { ...CFG, timeouts: { ...CFG.timeouts, command: 1 } });
    assert.equal(err.kind, 'timeout', err.message);
    assert.match(err.message, /no output for 1s/);
  } finally {
    sim.clearFaults();
  }
});

test('auth: the device refuses the password (and the password is not in the message)', async () => {
  const failuresBefore = sim.stats.authFailures;
  const err = await failure(simTarget('kinds1', sim, { credentials: { username: 'admin', password: 'wr0ng-s3cret' } }));
  assert.equal(err.kind, 'auth', err.message);
  assert.ok(sim.stats.authFailures > failuresBefore, 'the simulator saw the failed login');
  assert.doesNotMatch(err.message, /wr0ng-s3cret/);
});

test('auth: an unusable private key file is the credentials\' problem, not a bug', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-key-'));
  try {
    const file = join(dir, 'id_broken');
    writeFileSync(file, '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n', { mode: 0o600 });
    const err = await failure(simTarget('kinds1', sim, { credentials: { username: 'admin', private_key_file: file } }));
    assert.equal(err.kind, 'auth', err.message);
    assert.match(err.message, /cannot use the private key/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('host-key-mismatch: a refused key stops the session before any credential is sent', async () => {
  const logins = sim.stats.logins;
  const failures = sim.stats.authFailures;
  const err = await failure(undefined, acceptAll({ hostKeyCheck: () => () => 'reject' }));
  assert.equal(err.kind, 'host-key-mismatch', err.message);
  assert.match(err.message, new RegExp(`ssh-ed25519 ${sim.hostKey.fingerprint.replace(/[+/]/g, '\\$&')}`));
  assert.match(err.message, /refused before authentication/);
  assert.equal(sim.stats.logins, logins, 'no login');
  assert.equal(sim.stats.authFailures, failures, 'no authentication attempt either');
});

test('incomplete-output: the connection drops in the middle of the config', async () => {
  sim.disconnectAfterBytes('show running-config', 1500);
  try {
    const err = await failure();
    assert.equal(err.kind, 'incomplete-output', err.message);
  } finally {
    sim.clearFaults();
  }
});

test('protocol: the server answers with an SSH banner and then garbage', async () => {
  const t = await tcpServer((s) => {
    s.write('SSH-2.0-Fake_1.0\r\n');
    s.write(Buffer.alloc(256, 0xff));
  });
  try {
    const err = await failure(simTarget('garbage', sim, { port: t.port }));
    assert.equal(err.kind, 'protocol', err.message);
  } finally {
    await closeServer(t);
  }
});

test('too-large: past limits.max_line_bytes the pull stops and names the cap', async () => {
  const long = 'description ' + 'x'.repeat(300_000);
  sim.addConfigLines([long]);
  try {
    const err = await failure(undefined, acceptAll(), { ...CFG, limits: { max_config_bytes: 16 * 1024 * 1024, max_line_bytes: 64 * 1024 } });
    assert.equal(err.kind, 'too-large', err.message);
    assert.match(err.message, /limits\.max_line_bytes \(65536 bytes\)/);
  } finally {
    sim.resetAnswers();
  }
});

test('internal: a bug on our side keeps its stack and is logged once at error level, not blamed on the device', async () => {
  const { log, lines } = captureLog();
  function brokenHostKeyStore(): never {
    throw new TypeError('cannot read properties of undefined (reading "fingerprint")');
  }
  const err = await failure(undefined, acceptAll({ log, hostKeyCheck: () => () => brokenHostKeyStore() }));
  assert.equal(err.kind, 'internal', err.message);
  assert.match(err.stack ?? '', /brokenHostKeyStore/, 'the original stack is kept');
  const errors = lines.filter((l) => l.level === 'error');
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]!.obj.stack), /brokenHostKeyStore/);
  assert.equal(errors[0]!.obj.device, 'kinds1');
});
