/**
 * A real OpenSSH `sshd` on 127.0.0.1 for tests (linux platform, jump hosts). Everything lives in
 * a temp dir: a fresh ed25519 host key, a fresh client key pair, an authorized_keys file, the
 * sshd_config and the pid file. The daemon runs in the foreground (`-D -e`) as the current user,
 * logs to stderr (kept in `log()` for failure messages) and is stopped by its own pid.
 *
 * Needs `/usr/sbin/sshd` and `ssh-keygen` (Debian/Ubuntu: `apt-get install -y openssh-server`);
 * tests pass `skipWithoutSshd` as their `skip` option. Override the binary with DRIFTWATCH_SSHD.
 * Run as root it also creates the privilege separation dir (/run/sshd) when missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describeHostKey } from '../../src/transport/host-key.js';

export const SSHD_PATH = process.env.DRIFTWATCH_SSHD ?? '/usr/sbin/sshd';

function findKeygen(): string | undefined {
  for (const p of ['/usr/bin/ssh-keygen', '/usr/local/bin/ssh-keygen', '/bin/ssh-keygen']) if (existsSync(p)) return p;
  return undefined;
}
const KEYGEN = findKeygen();

/** `skip` option for tests needing sshd: false when usable, else the reason. */
export const skipWithoutSshd: string | false = !existsSync(SSHD_PATH)
  ? `OpenSSH sshd not installed at ${SSHD_PATH} (apt-get install -y openssh-server, or set DRIFTWATCH_SSHD)`
  : !KEYGEN
    ? 'ssh-keygen not found (apt-get install -y openssh-client)'
    : false;

export interface SshdOptions {
  /** Extra sshd_config lines (e.g. `AllowTcpForwarding yes` for a jump host, `KexAlgorithms ...`). */
  extraConfig?: string[];
  /** Type of the host key (default ed25519); `rsa` and `dsa` serve legacy-only configurations. */
  hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa' | 'dsa';
}

export interface Sshd {
  host: string;
  port: number;
  /** The account the client logs in as (the user running the tests). */
  username: string;
  /** OpenSSH-format private key accepted by the server (ssh2 reads it as `privateKey`). */
  privateKey: Buffer;
  /** What the server presents, as the transport's host-key check sees it. */
  hostKey: { keyType: string; fingerprint: string };
  /** The host key as a known_hosts key field: `ssh-ed25519 AAAA...`. */
  publicHostKey: string;
  /** Temp dir holding keys and config; tests may put files to collect in it. */
  dir: string;
  /** sshd's stderr so far (for assertion messages). */
  log(): string;
  /** Stop the daemon (by its pid) and remove the temp dir. */
  stop(): Promise<void>;
}

function keygen(path: string, type = 'ed25519'): void {
  const r = spawnSync(KEYGEN!, ['-q', '-t', type, '-N', '', '-C', 'driftwatch-test', '-f', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitListening(child: ChildProcess, port: number, log: () => string, timeoutMs = 10000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`sshd did not start listening on ${port} within ${timeoutMs}ms:\n${log()}`)), timeoutMs);
    const onData = () => {
      if (/Server listening on 127\.0\.0\.1 port \d+/.test(log())) done();
    };
    const onExit = (code: number | null) => done(new Error(`sshd exited (${code}) before listening:\n${log()}`));
    function done(err?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

async function startOnce(opts: SshdOptions): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-sshd-'));
  const hostKeyType = opts.hostKeyType ?? 'ed25519';
  const hostKeyPath = join(dir, `ssh_host_${hostKeyType}_key`);
  const clientKeyPath = join(dir, 'client_ed25519');
  keygen(hostKeyPath, hostKeyType);
  keygen(clientKeyPath);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(clientKeyPath + '.pub'), { mode: 0o600 });
  const port = await freePort();
  const root = process.getuid?.() === 0;
  if (root && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKeyPath}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'UsePAM no',
    // The temp dir sits under a world-writable /tmp; sshd would refuse the keys file otherwise.
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'LogLevel VERBOSE',
    'PrintMotd no',
    'PrintLastLog no',
    ...(opts.extraConfig ?? []),
  ];
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, config.join('\n') + '\n');
  // sshd must be started with an absolute path (it re-executes itself per connection).
  const child = spawn(SSHD_PATH, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr += d;
  });
  const log = () => stderr;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      const killer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitListening(child, port, log);
  } catch (err) {
    await stop();
    throw err;
  }
  const [pubType, pub = ''] = readFileSync(hostKeyPath + '.pub', 'utf8').trim().split(/\s+/);
  return {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    privateKey: readFileSync(clientKeyPath),
    hostKey: describeHostKey(Buffer.from(pub, 'base64')),
    publicHostKey: `${pubType} ${pub}`,
    dir,
    log,
    stop,
  };
}

/** Start a private sshd on a free loopback port (retried when another process grabs the port). */
export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
