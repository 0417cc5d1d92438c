/** Build an AppContext from a config: permission checks, the store (hostile config neutralised), the state. */
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Senders } from '../notify/types.js';
import { Archive } from '../store/archive.js';
import { StateDb } from '../store/state.js';
import type { AppContext, Clock } from './context.js';
import { checkPermissions } from './permissions.js';
import { fingerprintKeyPath } from '../secrets/key-file.js';
import { loadFingerprintKey } from '../secrets/wiring.js';

export interface OpenOptions {
  log: Logger;
  clock?: Clock;
  senders?: Senders;
  /** Writers that pull need the fingerprint key: load (or create) it now, so a lost key stops at start. */
  fingerprintKey?: boolean;
}

export interface OpenApp extends AppContext {
  close(): void;
}

export async function openApp(cfg: Config, opts: OpenOptions): Promise<OpenApp> {
  // A folder that is not a store yet (a fresh clone's ./store holds only a README) becomes one now: make it private.
  if (existsSync(cfg.store) && !existsSync(join(cfg.store, '.git'))) chmodSync(cfg.store, 0o700);
  checkPermissions([cfg.state, cfg.store, join(cfg.store, '.git'), fingerprintKeyPath(cfg)], cfg.allow_insecure_permissions);
  if (opts.fingerprintKey && cfg.mask_secrets === 'fingerprint') loadFingerprintKey(cfg);
  const clock = opts.clock ?? (() => new Date());
  const archive = await Archive.open(cfg.store, {
    clock,
    onRiskyConfig: (keys) => opts.log.warn({ keys }, "the store's .git/config has settings that could run programs; driftwatch overrides them"),
  });
  const state = StateDb.open(cfg.state);
  return { cfg, archive, state, clock, log: opts.log, senders: opts.senders, close: () => state.close() };
}
