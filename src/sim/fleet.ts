/**
 * Many simulated devices in one process: one shared host key, shared parsed transcripts (or a
 * generator that builds each device's text per session, so 10,000 devices hold no config text),
 * and a driftwatch devices.yaml pointing at them.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { resolvePlatform } from '../drivers/registry.js';
import { SimDevice, type SimDeviceOptions } from './device.js';
import { generateIosTranscript } from './generate-ios.js';
import { generateHostKey, type SimHostKey } from './host-key.js';
import { simFilesBeside } from './sim-files.js';
import type { Transcript } from './transcript.js';

export interface GenerateSpec {
  platform?: 'ios';
  /** Running-config lines per device (default 1000). */
  lines?: number;
  seed?: number | string;
  /** Hostnames are `<prefix><index>` (default `sw`). */
  hostnamePrefix?: string;
}

export interface FleetOptions extends Omit<SimDeviceOptions, 'transcript' | 'name' | 'port' | 'model'> {
  /** Recordings to replay, assigned round-robin. */
  transcripts?: Transcript[];
  /** Generated devices instead of (or a function building) transcripts. */
  generate?: GenerateSpec | ((index: number) => Transcript);
  /** Number of devices (default: number of transcripts, or 1). */
  count?: number;
  /** Device i listens on basePort + i; 0 (default) = an ephemeral port each. */
  basePort?: number;
  /** Listens started at once (default 500). */
  batch?: number;
}

export interface Fleet {
  devices: SimDevice[];
  hostKey: SimHostKey;
  /** Time to start every listener, ms. */
  startMs: number;
  close(): Promise<void>;
}

/** A name that is safe as file and git ref name: `[A-Za-z0-9][A-Za-z0-9._-]*`, no `..`. */
export function safeName(raw: string, fallback = 'sim'): string {
  const name = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[.-]+$/, '');
  return name || fallback;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  const { transcripts = [], generate, basePort = 0, batch = 500, ...deviceOpts } = opts;
  const count = opts.count ?? (transcripts.length || 1);
  if (!generate && !transcripts.length) throw new Error('startFleet: give transcripts or generate');
  const hostKey = deviceOpts.hostKey ?? generateHostKey();
  const width = Math.max(3, String(count).length);
  const devices: SimDevice[] = [];
  for (let i = 0; i < count; i++) {
    const port = basePort ? basePort + i : 0;
    const common = { ...deviceOpts, hostKey, port };
    if (typeof generate === 'function') {
      const t = generate(i);
      devices.push(new SimDevice({ ...common, transcript: t, name: `${safeName(t.name.split('#')[1] ?? t.name)}-${pad(i + 1, width)}` }));
    } else if (generate) {
      const hostname = `${generate.hostnamePrefix ?? 'sw'}${pad(i + 1, width)}`;
      const spec = { hostname, lines: generate.lines ?? 1000, seed: generate.seed ?? 1 };
      devices.push(new SimDevice({ ...common, model: 'ios', name: safeName(hostname), transcript: () => generateIosTranscript(spec) }));
    } else {
      const t = transcripts[i % transcripts.length]!;
      devices.push(new SimDevice({ ...common, transcript: t, name: `${safeName(t.name.split('#')[1] ?? t.name)}-${pad(i + 1, width)}` }));
    }
  }
  const started = performance.now();
  try {
    for (let i = 0; i < devices.length; i += batch) {
      await Promise.all(devices.slice(i, i + batch).map((d) => d.start()));
    }
  } catch (err) {
    await Promise.all(devices.map((d) => d.close()));
    throw err;
  }
  const startMs = performance.now() - started;
  return {
    devices,
    hostKey,
    startMs,
    close: async () => {
      await Promise.all(devices.map((d) => d.close()));
    },
  };
}

/** driftwatch platform id for an Oxidized model name: the registered driver's id, else the name itself. */
export function platformFor(model: string): string {
  return resolvePlatform(model) ?? (model === 'ios' ? 'cisco_ios' : model);
}

export interface DevicesFileOptions {
  /** Platform of every device (default: from each transcript's model). */
  platform?: string;
  store?: string;
  state?: string;
  group?: string;
}

/** The driftwatch config (devices.yaml) text for a fleet. */
export function devicesFileText(fleet: Pick<Fleet, 'devices'>, opts: DevicesFileOptions = {}): string {
  const first = fleet.devices[0];
  const credentials: Record<string, string> = { username: first?.username ?? 'admin', password: first?.password ?? 'admin' };
  if (first?.enableSecret !== undefined) credentials.enable_password = first.enableSecret;
  const doc = {
    // Never the defaults (./store, ./driftwatch.db): those are the user's real store and state.
    store: opts.store ?? './sim-store',
    state: opts.state ?? './sim.db',
    credentials: { sim: credentials },
    devices: fleet.devices.map((d) => ({
      name: d.name,
      host: d.host,
      port: d.port,
      platform: opts.platform ?? platformFor(d.model),
      credentials: 'sim',
      group: opts.group ?? 'sim',
    })),
  };
  const header = [
    `# Simulated devices written by driftwatch sim (${fleet.devices.length} device(s)).`,
    '# They exist only while that process runs. Ports are fixed with --base-port; the host key is',
    '# kept in the .hostkey file beside this one unless the simulator starts with --rotate-keys.',
  ];
  return header.join('\n') + '\n' + stringify(doc);
}

/** Writes atomically (beside, then renamed); store and state default to files beside `path`. */
export function writeDevicesFile(path: string, fleet: Pick<Fleet, 'devices'>, opts: DevicesFileOptions = {}): void {
  const files = simFilesBeside(path);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, devicesFileText(fleet, { ...opts, store: opts.store ?? files.storeRef, state: opts.state ?? files.stateRef }));
  renameSync(tmp, path);
}
