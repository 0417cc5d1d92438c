/** Devices by name for use cases: an unknown name is a UseCaseError naming the config file. */
import type { Config, Device } from '../../config/schema.js';
import { UseCaseError } from '../context.js';

export function findDevices(cfg: Config, names: readonly string[]): Device[] {
  if (!names.length) return cfg.devices;
  const byName = new Map(cfg.devices.map((d) => [d.name, d]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length) throw new UseCaseError('not-found', `unknown device(s): ${unknown.join(', ')} (not in ${cfg.file})`);
  return names.map((n) => byName.get(n)!);
}

export function findDevice(cfg: Config, name: string): Device {
  return findDevices(cfg, [name])[0]!;
}
