/** A temp folder with a devices.yaml pointing at simulated devices; removed by cleanup(). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SimDevice } from '../../src/sim/device.js';

export interface Workspace {
  dir: string;
  config: string;
  store: string;
  state: string;
  cleanup(): void;
}

export interface SimEntry {
  name: string;
  sim: SimDevice;
  platform?: string;
  group?: string;
  credentials?: string;
}

export function makeWorkspace(devices: SimEntry[], extra: Record<string, unknown> = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-test-'));
  const config = join(dir, 'devices.yaml');
  const doc = {
    store: './store',
    state: './state.db',
    concurrency: 20,
    timeouts: { connect: 5, auth: 5, command: 2, pull: 20 },
    credentials: { sim: { username: 'admin', password: '${DW_TEST_PASSWORD}' }, wrong: { username: 'admin', password: 'not-the-password' } },
    defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1' },
    devices: devices.map((d) => ({ name: d.name, port: d.sim.port, ...(d.platform ? { platform: d.platform } : {}), ...(d.group ? { group: d.group } : {}), ...(d.credentials ? { credentials: d.credentials } : {}) })),
    ...extra,
  };
  writeFileSync(config, stringify(doc));
  return { dir, config, store: join(dir, 'store'), state: join(dir, 'state.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_ENV = { DW_TEST_PASSWORD: 'admin' };
