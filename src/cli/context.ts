/** What every command needs: the parsed config (or exit 2 with every problem), and the stores. */
import { ConfigError, formatProblem, loadConfigFile } from '../config/load.js';
import type { Config, Device } from '../config/schema.js';
import { EXIT } from '../core/exit-codes.js';
import { Archive } from '../store/archive.js';
import { StateDb } from '../store/state.js';

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

export async function openStores(cfg: Config): Promise<{ archive: Archive; state: StateDb }> {
  const archive = await Archive.open(cfg.store);
  const state = StateDb.open(cfg.state);
  return { archive, state };
}

/** Devices named on the command line (all when none); unknown names are a usage error. */
export function selectDevices(cfg: Config, names: readonly string[]): Device[] {
  if (!names.length) return cfg.devices;
  const byName = new Map(cfg.devices.map((d) => [d.name, d]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length) throw new CliExit(EXIT.usage, `unknown device(s): ${unknown.join(', ')} (not in ${cfg.file})`);
  return names.map((n) => byName.get(n)!);
}

export function findDevice(cfg: Config, name: string): Device {
  return selectDevices(cfg, [name])[0]!;
}
