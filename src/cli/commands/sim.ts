import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { EXIT } from '../../core/exit-codes.js';
import { detach, type ReadyInfo } from '../../sim/detach.js';
import { startFleet, writeDevicesFile, type Fleet, type FleetOptions } from '../../sim/fleet.js';
import { loadOrCreateHostKey } from '../../sim/host-key-file.js';
import { simFilesBeside } from '../../sim/sim-files.js';
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
  keyFile?: string;
  rotateKeys?: boolean;
  readyFile?: string;
  pidFile?: string;
  detach?: boolean;
}

/** The key file: given, or beside the devices file; none (a fresh key each start) without either. */
function keyFileOf(opts: SimOptions): string | undefined {
  return opts.keyFile ?? (opts.devicesOut ? simFilesBeside(opts.devicesOut).hostKey : undefined);
}

/** A file the simulator cannot write stops it (listening devices would otherwise keep it alive). */
async function writeOrClose(fleet: Fleet, path: string, write: () => void): Promise<void> {
  try {
    write();
  } catch (err) {
    await fleet.close();
    throw new CliExit(EXIT.usage, `sim: cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
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
  const keyFile = keyFileOf(opts);
  if (keyFile) {
    try {
      fleetOpts.hostKey = loadOrCreateHostKey(keyFile, opts.rotateKeys).key;
    } catch (err) {
      throw new CliExit(EXIT.usage, `sim: ${(err as Error).message}`);
    }
  }
  if (opts.generate) fleetOpts.generate = { platform: 'ios', lines: opts.lines ?? 1000, seed: opts.seed ?? 1 };
  else fleetOpts.transcripts = loadAll(opts.transcript!);
  let fleet: Fleet;
  try {
    fleet = await startFleet(fleetOpts);
  } catch (err) {
    throw new CliExit(EXIT.failure, `sim: cannot start devices: ${(err as Error).message}`);
  }
  if (opts.devicesOut) {
    const out = opts.devicesOut;
    await writeOrClose(fleet, out, () => writeDevicesFile(out, fleet, { platform: opts.platform, store: opts.store, state: opts.state }));
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
  const keyFile = keyFileOf(opts);
  lines.push(`  host key ${fleet.hostKey.fingerprint} (shared${keyFile ? `, kept in ${keyFile}` : ', new on every start'})`);
  if (opts.devicesOut) {
    const files = simFilesBeside(opts.devicesOut);
    lines.push(`  devices file: ${opts.devicesOut} (store ${opts.store ?? files.storeRef}, state ${opts.state ?? files.stateRef}, beside it)`);
  }
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
    .option('--key-file <file>', 'host key kept across restarts (default: <devices-out name>.hostkey beside it)')
    .option('--rotate-keys', 'generate a new host key even if the key file exists (driftwatch will alert: host-key-mismatch)')
    .option('--ready-file <file>', 'written (JSON: pid, devices) once every device listens and the devices file is written')
    .option('--pid-file <file>', 'pid of the simulator (default with --detach: <devices-out name>.pid beside it)')
    .option('--detach', 'run in the background; returns once ready (stop it: kill "$(cat <pid file>)")')
    .action(async (opts: SimOptions) => {
      if (opts.detach) return runDetached(opts);
      const fleet = await startSim(opts);
      const ready: ReadyInfo = { pid: process.pid, devices: fleet.devices.length, ...(opts.devicesOut ? { devicesFile: opts.devicesOut } : {}) };
      // Order matters for scripts: devices file (in startSim), then pid and ready files, then the line.
      const { pidFile, readyFile } = opts;
      if (pidFile) await writeOrClose(fleet, pidFile, () => writeAtomically(pidFile, `${process.pid}\n`));
      if (readyFile) await writeOrClose(fleet, readyFile, () => writeAtomically(readyFile, JSON.stringify(ready) + '\n'));
      process.stderr.write(describe(fleet, opts));
      process.stdout.write(`driftwatch sim: ready (${ready.devices} device(s)${opts.devicesOut ? `, devices file ${opts.devicesOut}` : ''})\n`);
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
      for (const file of [opts.readyFile, opts.pidFile]) if (file) rmSync(file, { force: true });
      await fleet.close();
    });
}

async function runDetached(opts: SimOptions): Promise<void> {
  if (!opts.devicesOut && !opts.pidFile) throw new CliExit(EXIT.usage, 'sim: --detach needs --devices-out (or --pid-file): where else would the pid go?');
  const files = opts.devicesOut ? simFilesBeside(opts.devicesOut) : undefined;
  const pidFile = opts.pidFile ?? files!.pid;
  const readyFile = opts.readyFile ?? files?.ready ?? `${pidFile}.ready`;
  const logFile = files?.log ?? `${pidFile}.log`;
  const args = process.argv.slice(1).filter((a) => a !== '--detach');
  if (!opts.pidFile) args.push('--pid-file', pidFile);
  if (!opts.readyFile) args.push('--ready-file', readyFile);
  let ready: ReadyInfo;
  try {
    ready = await detach({ args, readyFile, logFile });
  } catch (err) {
    throw new CliExit(EXIT.failure, `sim: ${(err as Error).message}`);
  }
  process.stdout.write(
    `driftwatch sim: ready (${ready.devices} device(s)${opts.devicesOut ? `, devices file ${opts.devicesOut}` : ''}); ` +
      `running in the background as pid ${ready.pid}, log ${logFile}; stop it: kill "$(cat ${pidFile})"\n`,
  );
}
