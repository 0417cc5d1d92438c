import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { EXIT } from '../../core/exit-codes.js';
import { startFleet, writeDevicesFile, type Fleet, type FleetOptions } from '../../sim/fleet.js';
import { loadTranscript, type Transcript } from '../../sim/transcript.js';
import { CliExit } from '../context.js';

export interface SimOptions {
  transcript?: string[];
  generate?: string;
  lines?: number;
  seed?: string;
  count?: number;
  host: string;
  basePort?: number;
  latency?: number;
  pageLines?: number;
  ignorePagingOff?: boolean;
  enableSecret?: string;
  username: string;
  password: string;
  authorizedKey?: string[];
  crlf?: boolean;
  devicesOut?: string;
  platform?: string;
  store?: string;
  state?: string;
}

const int = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
  return n;
};

function loadAll(files: string[]): Transcript[] {
  return files.map((file) => {
    try {
      return loadTranscript(file);
    } catch (err) {
      throw new CliExit(EXIT.usage, `sim: cannot read transcript ${file}: ${(err as Error).message}`);
    }
  });
}

/** Start the fleet the options describe (and write the devices file); the caller closes it. */
export async function startSim(opts: SimOptions): Promise<Fleet> {
  if (!opts.transcript?.length && !opts.generate) throw new CliExit(EXIT.usage, 'sim: give --transcript <file...> or --generate ios');
  if (opts.transcript?.length && opts.generate) throw new CliExit(EXIT.usage, 'sim: --transcript and --generate exclude each other');
  const fleetOpts: FleetOptions = {
    host: opts.host,
    count: opts.count,
    basePort: opts.basePort ?? 0,
    latencyMs: opts.latency ?? 0,
    pageLines: opts.pageLines ?? 0,
    ignorePagingOff: opts.ignorePagingOff ?? false,
    enableSecret: opts.enableSecret,
    username: opts.username,
    password: opts.password,
    crlf: opts.crlf ?? false,
    authorizedKeys: (opts.authorizedKey ?? []).flatMap((f) =>
      readFileSync(f, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')),
    ),
  };
  if (opts.generate) fleetOpts.generate = { platform: 'ios', lines: opts.lines ?? 1000, seed: opts.seed ?? 1 };
  else fleetOpts.transcripts = loadAll(opts.transcript!);
  let fleet: Fleet;
  try {
    fleet = await startFleet(fleetOpts);
  } catch (err) {
    throw new CliExit(EXIT.failure, `sim: cannot start devices: ${(err as Error).message}`);
  }
  if (opts.devicesOut) {
    writeDevicesFile(opts.devicesOut, fleet, { platform: opts.platform, store: opts.store, state: opts.state });
  }
  return fleet;
}

function describe(fleet: Fleet, opts: SimOptions): string {
  const { devices } = fleet;
  const lines = [`driftwatch sim: ${devices.length} device(s) on ${opts.host} (listening after ${Math.round(fleet.startMs)} ms)`];
  const shown = devices.length <= 20 ? devices : [...devices.slice(0, 5), ...devices.slice(-2)];
  for (const [i, d] of shown.entries()) {
    if (devices.length > 20 && i === 5) lines.push(`  ... ${devices.length - 7} more`);
    lines.push(`  ${d.name.padEnd(32)} ${d.host}:${d.port}  ${d.model}`);
  }
  lines.push(`  login ${opts.username}/${opts.password}${opts.enableSecret !== undefined ? ', enable secret set' : ''}`);
  lines.push(`  host key ${fleet.hostKey.fingerprint} (shared)`);
  if (opts.devicesOut) lines.push(`  devices file: ${opts.devicesOut}`);
  lines.push('  stop with Ctrl-C (SIGINT) or SIGTERM');
  return lines.join('\n') + '\n';
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run simulated SSH devices (recorded transcripts or generated IOS) until interrupted')
    .option('--transcript <file...>', 'simulation transcript(s) to replay, round-robin over --count')
    .option('--generate <platform>', 'generate devices instead (only: ios)', (v: string) => {
      if (v !== 'ios') throw new InvalidArgumentError('only "ios" can be generated');
      return v;
    })
    .option('--lines <n>', 'running-config lines of generated devices', int(1), 1000)
    .option('--seed <s>', 'seed of generated devices', '1')
    .option('--count <n>', 'number of devices (default: one per transcript)', int(1))
    .option('--host <addr>', 'listen address', '127.0.0.1')
    .option('--base-port <p>', 'device i listens on p+i (take p < 32768; default: ephemeral ports, slow past a few thousand)', int(0))
    .option('--latency <ms>', 'delay before each answer', int(0))
    .option('--page-lines <n>', 'page answers every n lines with --More-- until paging is turned off', int(0))
    .option('--ignore-paging-off', 'keep paging even after "terminal length 0"')
    .option('--enable-secret <s>', 'start unprivileged; "enable" asks for this secret')
    .option('--username <u>', 'login user', 'admin')
    .option('--password <p>', 'login password', 'admin')
    .option('--authorized-key <file...>', 'OpenSSH public key file(s) accepted for the user')
    .option('--crlf', 'write \\r\\n line ends, as a real PTY does')
    .option('--devices-out <file>', 'write a driftwatch devices.yaml for these devices')
    .option('--platform <id>', 'platform written to --devices-out (default: from the transcript model)')
    .option('--store <dir>', 'store path written to --devices-out')
    .option('--state <file>', 'state path written to --devices-out')
    .action(async (opts: SimOptions) => {
      const fleet = await startSim(opts);
      process.stderr.write(describe(fleet, opts));
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stderr.write('driftwatch sim: stopping\n');
      await fleet.close();
    });
}
