/**
 * One fault scenario's world: simulated IOS devices on 127.0.0.1 (in this process, so a case can
 * change them while driftwatch runs), a temp folder with devices.yaml, store and state, and git
 * and SQLite readers for the invariants. Everything is removed by `close()`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { SimDevice } from '../../../src/sim/device.js';
import { generateIosTranscript } from '../../../src/sim/generate-ios.js';

export interface FleetOptions {
  devices: number;
  lines?: number;
  /** Alert channels (webhooks to loopback receivers, SMTP on loopback). */
  alerts?: unknown[];
  /** Store and state paths (default inside the temp folder). */
  store?: string;
  state?: string;
  extra?: Record<string, unknown>;
}

export class FaultFleet {
  readonly dir: string;
  readonly config: string;
  readonly store: string;
  readonly state: string;
  private serial = 0;

  private constructor(
    readonly sims: SimDevice[],
    opts: FleetOptions,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'driftwatch-faults-'));
    this.config = join(this.dir, 'devices.yaml');
    this.store = opts.store ?? join(this.dir, 'store');
    this.state = opts.state ?? join(this.dir, 'state.db');
    const doc = {
      store: this.store,
      state: this.state,
      concurrency: 20,
      timeouts: { connect: 10, auth: 10, command: 10, pull: 60 },
      failure_alert_after: 1,
      credentials: { sim: { username: 'admin', password: '${DW_TEST_PASSWORD}' } },
      defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1' },
      devices: sims.map((s) => ({ name: s.name, port: s.port })),
      alerts: opts.alerts ?? [],
      ...opts.extra,
    };
    writeFileSync(this.config, stringify(doc));
  }

  static async start(opts: FleetOptions): Promise<FaultFleet> {
    const sims: SimDevice[] = [];
    for (let i = 0; i < opts.devices; i++) {
      const name = `r${i + 1}`;
      sims.push(await new SimDevice({ transcript: generateIosTranscript({ hostname: name, lines: opts.lines ?? 60, seed: i + 1 }), name, model: 'ios' }).start());
    }
    return new FaultFleet(sims, opts);
  }

  /** Add a unique line to a device's config; returns the marker an alert diff must show. */
  inject(sim: SimDevice, tag = 'fault'): string {
    const marker = `ip host ${tag}-${++this.serial}-${sim.name} 10.0.${this.serial % 250}.1`;
    sim.addConfigLines([marker]);
    return marker;
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.store, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** `git fsck`: problems as text ('' when clean). Dangling objects are fine (a killed commit leaves them). */
  fsck(): string {
    const r = spawnSync('git', ['-C', this.store, 'fsck', '--no-progress', '--no-dangling'], { encoding: 'utf8' });
    return r.status === 0 ? '' : `fsck exit ${r.status}: ${(r.stderr + r.stdout).trim().slice(0, 300)}`;
  }

  /** The branch tip as git wrote it (read from files: cheap enough to poll every millisecond). */
  head(): string {
    const gitDir = join(this.store, '.git');
    try {
      const ref = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim().replace(/^ref: /, '');
      const loose = join(gitDir, ref);
      if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
      const packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
      return packed?.split(' ')[0] ?? '';
    } catch {
      return '';
    }
  }

  /** Devices as the state file records them (read-only; call while no driftwatch runs). */
  stateDevices(): Array<{ name: string; path: string; last_commit: string | null; last_result: string | null; last_error_kind: string | null }> {
    const db = new Database(this.state, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT name, path, last_commit, last_result, last_error_kind FROM devices ORDER BY name').all() as never;
    } finally {
      db.close();
    }
  }

  /** Undelivered outbox rows (`driftwatch outbox --json` would say the same; SQL is cheaper than a process). */
  outboxPending(): Array<{ channel: string; kind: string; id: string }> {
    const db = new Database(this.state, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(`SELECT channel, alert_json FROM outbox WHERE delivered_at IS NULL`).all() as Array<Record<string, string>>;
      return rows.map((r) => {
        const alert = JSON.parse(r.alert_json ?? '{}');
        return { channel: String(r.channel), kind: alert.kind, id: alert.id };
      });
    } finally {
      db.close();
    }
  }

  /** Every device's last commit in state is the last commit touching its file in git. */
  stateAgreesWithStore(): string[] {
    const problems: string[] = [];
    for (const d of this.stateDevices()) {
      if (!d.path) continue;
      const inGit = this.git('log', '-1', '--format=%H', '--', d.path);
      if ((d.last_commit ?? '') !== inGit) problems.push(`${d.name}: state last_commit ${d.last_commit?.slice(0, 10) ?? 'none'} but git's last commit of ${d.path} is ${inGit.slice(0, 10) || 'none'}`);
    }
    return problems;
  }

  removeState(): void {
    for (const f of ['', '-wal', '-shm']) rmSync(this.state + f, { force: true });
  }

  async close(): Promise<void> {
    await Promise.all(this.sims.map((s) => s.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
