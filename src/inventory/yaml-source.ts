/** The inventory written in the config file itself (`devices:`), with line numbers for every record. */
import type { RawConfig } from '../config/schema.js';
import type { InventoryRecords, InventorySource } from './types.js';

export type LineOf = (path: ReadonlyArray<PropertyKey>) => number | undefined;

/**
 * Records of an already parsed config document (pure). `positions[i]`: where record i sits in the
 * file's `devices:` list (records that failed the schema are left out, so the two can differ).
 */
export function yamlRecords(raw: Pick<RawConfig, 'devices'>, file: string, lineOf: LineOf, positions?: readonly number[]): InventoryRecords {
  return {
    records: raw.devices,
    origins: raw.devices.map((_, i) => {
      const at = positions?.[i] ?? i;
      return { file, lineOf: (key?: string) => lineOf(key ? ['devices', at, key] : ['devices', at]) };
    }),
  };
}

/** A source that re-reads the file on every load (the daemon refreshes without a SIGHUP). */
export function yamlSource(file: string, read: () => InventoryRecords): InventorySource {
  return { name: `yaml:${file}`, load: async () => read() };
}
