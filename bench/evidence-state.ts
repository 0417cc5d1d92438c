/**
 * node --import tsx bench/evidence-state.ts [devices]
 *
 * What the per-cycle evidence steps cost in state at fleet size (no SSH): the `handshakes` step
 * (one upsert per successful pull, in the cycle's transaction), the `software-versions` step
 * (versions file against every device's facts, alerted findings read in one query), and the
 * `handshake` field of `status` (one read of every stored handshake). Real SQLite in a temp dir.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handshakes } from '../src/app/cycle/steps/handshakes.js';
import { softwareVersions } from '../src/app/cycle/steps/software-versions.js';
import type { CycleContext, DeviceRecord } from '../src/app/cycle/record.js';
import { createLogger } from '../src/core/log.js';
import { handshakeRepo } from '../src/state/handshake-repo.js';
import { StateDb } from '../src/store/state.js';

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'dw-bench-evidence-'));
const state = StateDb.open(join(dir, 'state.db'));
writeFileSync(join(dir, 'versions.yaml'), `versions:\n${Array.from({ length: 20 }, (_, i) => `  - { platform: cisco_ios, model: '^C9${i}', minimum: 17.${i}.1, recommended: 17.12.1 }\n`).join('')}  - { platform: cisco_ios, minimum: 17.12.1 }\n`);
const handshake = {
  kex: 'curve25519-sha256', hostKey: 'rsa-sha2-512', cipher: 'aes128-gcm@openssh.com', mac: '<implicit>', hostKeyType: 'ssh-rsa', hostKeyBits: 3072, hostKeyFingerprint: 'SHA256:abc',
  serverIdent: 'SSH-2.0-Cisco-1.25',
  offered: { kex: ['curve25519-sha256', 'ecdh-sha2-nistp256', 'diffie-hellman-group14-sha1'], hostKey: ['rsa-sha2-512', 'ssh-rsa'], cipher: ['aes128-ctr', 'aes256-ctr'], mac: ['hmac-sha2-256'] },
};
const records = Array.from({ length: n }, (_, i) => ({
  device: { name: `d${i}`, host: 'h', port: 22, platform: 'cisco_ios', tags: [], credentials: { username: 'u' }, credentialsName: 'c', ignore: [] },
  pull: { result: 'unchanged', facts: { os_version: '17.9.4a', model: `C9${i % 20}00`, image: 'flash:packages.conf' }, handshake },
  alerts: [],
})) as unknown as DeviceRecord[];

async function cycle(): Promise<{ handshakesMs: number; versionsMs: number; alerts: number }> {
  const ctx = { cfg: { file: join(dir, 'devices.yaml'), software: { versions_file: 'versions.yaml' } }, state, clock: () => new Date(), log: createLogger('silent'), inTransaction: [] } as unknown as CycleContext;
  for (const r of records) r.alerts.length = 0;
  let t = performance.now();
  await softwareVersions.run(records, ctx);
  const versionsMs = performance.now() - t;
  t = performance.now();
  await handshakes.run(records, ctx);
  state.transaction(() => ctx.inTransaction.forEach((w) => w()));
  const handshakesMs = performance.now() - t; // includes the version findings' writes on the first cycle
  return { handshakesMs, versionsMs, alerts: records.reduce((a, r) => a + r.alerts.length, 0) };
}

const first = await cycle();
const second = await cycle();
let t = performance.now();
const all = handshakeRepo(state.db).all();
const statusReadMs = performance.now() - t;
const out = { devices: n, first, second, statusReadMs: Math.round(statusReadMs), stored: all.size };
process.stdout.write(JSON.stringify(out) + '\n');
state.close();
rmSync(dir, { recursive: true, force: true });
