/**
 * The inventory: which devices exist and how to reach them. A source (the YAML config today,
 * NetBox next) returns raw device records; the pure resolver (resolve.ts) applies defaults,
 * credentials, jump hosts and platform aliases. Config (schedules, alerts, windows...) is apart.
 */
import type { CredentialSet, RawConfig } from '../config/schema.js';

/** One device as a source knows it: fields as written, nothing resolved yet. */
export type RawDeviceRecord = RawConfig['devices'][number];

/** Where a record came from, so problems can name the file and line (or the source's URL and id). */
export interface RecordOrigin {
  file: string;
  /** Line of the record, or of one of its keys. */
  lineOf(key?: string): number | undefined;
}

export interface InventoryRecords {
  records: RawDeviceRecord[];
  origins: RecordOrigin[];
}

/** A place devices come from; `load` is called at start and on every refresh. */
export interface InventorySource {
  readonly name: string;
  load(): Promise<InventoryRecords>;
}

/** What the resolver needs from the config: defaults, the named credential sets (expanded) and the jump hosts. */
export interface ResolveContext {
  defaults: RawConfig['defaults'];
  credentials: ReadonlyMap<string, CredentialSet>;
  jumpHosts: RawConfig['jump_hosts'];
}
