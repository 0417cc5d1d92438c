/** Run bench/netmiko_peer.py (Debian's python3-netmiko, installed with apt-get when missing) against the same fleet. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PY = '/usr/bin/python3';

function ensureNetmiko(note: (s: string) => void): boolean {
  if (spawnSync(PY, ['-c', 'import netmiko'], { stdio: 'ignore' }).status === 0) return true;
  note('installing python3-netmiko with apt-get (Debian package) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'python3-netmiko'], { stdio: 'ignore', env });
  if (r.status !== 0) {
    note('could not install python3-netmiko; peer skipped');
    return false;
  }
  return spawnSync(PY, ['-c', 'import netmiko'], { stdio: 'ignore' }).status === 0;
}

export function runNetmikoPeer(targets: Array<{ host: string; port: number }>, dir: string, note: (s: string) => void, limit = 1000) {
  if (!ensureNetmiko(note)) return undefined;
  const subset = targets.slice(0, limit).map((t, i) => ({ ...t, name: `peer-${i + 1}` }));
  const file = join(dir, 'peer-targets.json');
  writeFileSync(file, JSON.stringify(subset));
  note(`netmiko peer: ${subset.length} devices, 100 threads ...`);
  const script = fileURLToPath(new URL('./netmiko_peer.py', import.meta.url));
  const r = spawnSync(PY, [script, file, join(dir, 'peer-out')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = r.stdout.trim().split('\n').at(-1);
  if (r.status !== 0 || !last) {
    note(`netmiko peer failed: ${r.stderr.split('\n').slice(-5).join(' | ')}`);
    return undefined;
  }
  return { devices_measured: subset.length, ...(JSON.parse(last) as { wall_s: number; devices_per_s: number; failures: number; cpu_s: number }) };
}
