/**
 * What the attribution command costs: per platform, one pull with the follow-up command (config
 * changed) against one without (config unchanged), same session settings, the simulator answering
 * every command after `--latency` ms (default 50, a WAN-ish device). Pulls alternate so drift in
 * the machine's load hits both sides alike.
 *
 *   npm run bench:attribution [-- --latency 50 --pulls 20]
 *
 * Platforms whose recording lives in ../shared/fixtures/device-transcripts are skipped when the
 * folder is absent. Where the config header names the user (IOS-XR, Junos) the command only runs
 * when it does not: the bench strips the header's user to measure that case.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Device } from '../src/config/schema.js';
import { pullDevice, type PullConfig, type PullDeps } from '../src/collect/pull-device.js';
import { getDriver } from '../src/drivers/registry.js';
import { SimDevice } from '../src/sim/device.js';
import { generateIosTranscript } from '../src/sim/generate-ios.js';
import { loadTranscript, type Transcript } from '../src/sim/transcript.js';

const DRIVERS = fileURLToPath(new URL('../src/drivers/', import.meta.url));
const SHARED = process.env.DRIFTWATCH_TRANSCRIPTS ?? fileURLToPath(new URL('../../shared/fixtures/device-transcripts/', import.meta.url));

interface Case {
  platform: string;
  transcript: () => Transcript | undefined;
  fixture: string;
  /** Make the command necessary (header without user). */
  prepare?(sim: SimDevice): void;
}

const shared = (file: string) => () => (existsSync(join(SHARED, file)) ? loadTranscript(join(SHARED, file)) : undefined);
const own = (driver: string, file: string) => () => loadTranscript(join(DRIVERS, driver, 'fixtures', file));

const CASES: Case[] = [
  { platform: 'cisco_ios', transcript: () => generateIosTranscript({ hostname: 'sw1', lines: 1000 }), fixture: 'cisco_ios/fixtures/archive-log.txt' },
  {
    platform: 'cisco_xr',
    transcript: own('cisco_xr', 'iosxr#ASR-9901_7.3.2#simulation.yaml'),
    fixture: 'cisco_xr/fixtures/commit-list.txt',
    prepare: (sim) => sim.mutate('show running-config', (a) => a.replace(/( at [^\r\n]+?) by \S+/, '$1')),
  },
  { platform: 'cisco_nxos', transcript: shared('nxos#C93180YC-FX3J_10.4.5#simulation.yaml'), fixture: 'cisco_nxos/fixtures/accounting-log.txt' },
  {
    platform: 'juniper_junos',
    transcript: shared('junos#srx300_22.4#simulation.yaml'),
    fixture: 'juniper_junos/fixtures/system-commit.txt',
    prepare: (sim) => sim.mutate('show configuration | display omit', (a) => a.replace(/^## Last commit: (.+?) by \S+/m, '## Last changed: $1')),
  },
  { platform: 'arista_eos', transcript: shared('eos#DCS-7050SX3-48YC8_4.29.2F#simulation.yaml'), fixture: 'arista_eos/fixtures/logging-config.txt' },
  { platform: 'fortinet', transcript: shared('fortigate#FortiGate-91G_7.4.7#simulation.yaml'), fixture: 'fortinet/fixtures/event-log.txt' },
  { platform: 'paloalto_panos', transcript: own('paloalto_panos', 'panos#PA-VM_10.2.9-h1#simulation.yaml'), fixture: 'paloalto_panos/fixtures/config-log.txt' },
  { platform: 'mikrotik_routeros', transcript: shared('routeros#CHR_7.16#simulation.yaml'), fixture: 'mikrotik_routeros/fixtures/system-history.txt' },
  { platform: 'vyos', transcript: shared('vyos#Supermicro_1.4.3#simulation.yaml'), fixture: 'vyos/fixtures/system-commit.txt' },
];

function parseArgs(argv: string[]): { latency: number; pulls: number } {
  const a = { latency: 50, pulls: 20 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--latency') a.latency = Number(argv[++i]);
    else if (argv[i] === '--pulls') a.pulls = Number(argv[++i]);
  }
  return a;
}

const CFG: PullConfig = { timeouts: { connect: 10, auth: 10, command: 10, pull: 120 }, mask_secrets: 'constant', state: ':memory:', store: '/nonexistent', file: '/nonexistent/devices.yaml' };

function deps(unchanged: boolean): PullDeps {
  return {
    hostKeyCheck: () => () => 'accept',
    jumpHostKeyCheck: () => () => 'accept',
    now: () => new Date(),
    // Facts fresh, as on most pulls: the config commands only.
    wantFacts: () => false,
    log: { warn: () => {}, error: () => {} } as unknown as NonNullable<PullDeps['log']>,
    isUnchanged: () => unchanged,
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  console.log(`attribution cost: ${a.pulls} pulls each way per platform, simulator latency ${a.latency} ms per command`);
  console.log('platform           command                                   without ms  with ms  extra ms  extra %  commands');
  for (const c of CASES) {
    const transcript = c.transcript();
    if (!transcript) {
      console.log(`${c.platform.padEnd(19)}(skipped: recording not found under ${SHARED})`);
      continue;
    }
    const driver = getDriver(c.platform);
    const spec = driver.attribution!;
    const sim = await new SimDevice({ transcript, latencyMs: a.latency, crlf: driver.session.mode === 'shell' }).start();
    c.prepare?.(sim);
    sim.setOutput(spec.command!, readFileSync(join(DRIVERS, c.fixture), 'utf8'));
    for (const setup of spec.commandSetup ?? []) sim.setOutput(setup, '');
    const device: Device = { name: 'b1', host: '127.0.0.1', port: sim.port, platform: c.platform, tags: [], credentials: { username: 'admin', password: 'admin' }, credentialsName: 'sim', ignore: [] };
    const times = { with: [] as number[], without: [] as number[] };
    let attributed = 0;
    let commands = { with: 0, without: 0 };
    try {
      for (let i = 0; i < a.pulls * 2; i++) {
        const changed = i % 2 === 0;
        const before = sim.stats.commands;
        const out = await pullDevice(device, CFG, deps(!changed));
        if (!out.ok) throw new Error(`${c.platform}: ${out.error.kind}: ${out.error.message}`);
        (changed ? times.with : times.without).push(out.durationMs);
        if (changed) commands.with = sim.stats.commands - before;
        else commands.without = sim.stats.commands - before;
        if (changed && out.changedBy?.user) attributed++;
      }
    } finally {
      await sim.close();
    }
    const w = mean(times.with);
    const wo = mean(times.without);
    const command = [...(spec.commandSetup ?? []), spec.command].join(' + ');
    console.log(
      `${c.platform.padEnd(19)}${command.slice(0, 40).padEnd(42)}${wo.toFixed(0).padStart(10)}${w.toFixed(0).padStart(9)}${(w - wo).toFixed(0).padStart(10)}${(((w - wo) / wo) * 100).toFixed(0).padStart(8)}%  ${commands.without} -> ${commands.with}${attributed === a.pulls ? '' : `  (attributed ${attributed}/${a.pulls}!)`}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
