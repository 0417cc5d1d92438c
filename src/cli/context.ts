/** What every command needs: the parsed config (or exit 2 with every problem), and the stores. */
import { ConfigError, formatProblem, loadConfigFile } from '../config/load.js';
import type { Config, Device } from '../config/schema.js';
import { EXIT } from '../core/exit-codes.js';
import { UseCaseError } from '../app/context.js';
import { InsecurePermissionsError } from '../app/permissions.js';
import { FingerprintKeyError } from '../secrets/key-file.js';
import { openApp, type OpenApp } from '../app/open.js';
import { withWriterLock, LockedError } from '../app/writer-lock.js';
import { findDevices } from '../app/use-cases/find-device.js';
import { createLogger, type Logger } from '../core/log.js';

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** `readOnly`: the command never logs in to devices, so unset credential variables are fine. */
export function loadConfigOrExit(file: string, readOnly = false): Config {
  try {
    return loadConfigFile(file, process.env, { requireSecrets: !readOnly });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliExit(EXIT.usage, err.problems.map(formatProblem).join('\n'));
    throw err;
  }
}

/** Open the app for a command; the app is closed when `fn` ends. Known failures become exit codes. */
export async function withApp<T>(cfg: Config, fn: (app: OpenApp) => Promise<T>, log: Logger = createLogger(), fingerprintKey = false): Promise<T> {
  let app: OpenApp;
  try {
    app = await openApp(cfg, { log, fingerprintKey });
  } catch (err) {
    if (err instanceof InsecurePermissionsError || err instanceof FingerprintKeyError) throw new CliExit(EXIT.usage, `driftwatch: ${err.message}`);
    throw err;
  }
  try {
    return await fn(app);
  } catch (err) {
    throw asCliExit(err);
  } finally {
    app.close();
  }
}

/** The same, holding the writer lock (one writer on a store and state at a time). */
export function withWriter<T>(cfg: Config, command: string, waitMs: number, fn: (app: OpenApp) => Promise<T>, log?: Logger): Promise<T> {
  // Pulls need the fingerprint key; other writers (approve) do not.
  return withWriterLock(cfg.state, { waitMs, command }, () => withApp(cfg, fn, log, command === 'pull')).catch((err) => {
    throw asCliExit(err);
  });
}

function asCliExit(err: unknown): unknown {
  if (err instanceof UseCaseError) return new CliExit(err.kind === 'invalid' ? EXIT.usage : EXIT.failure, err.message);
  if (err instanceof LockedError) return new CliExit(EXIT.failure, `driftwatch: ${err.message}`);
  return err;
}

/** Devices named on the command line (all when none); unknown names are a usage error. */
export function selectDevices(cfg: Config, names: readonly string[]): Device[] {
  try {
    return findDevices(cfg, names);
  } catch (err) {
    throw new CliExit(EXIT.usage, (err as Error).message);
  }
}

export function findDevice(cfg: Config, name: string): Device {
  return selectDevices(cfg, [name])[0]!;
}
