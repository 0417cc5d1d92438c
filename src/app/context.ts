/**
 * What every use case and the cycle run against: the config, the store, the state, a clock and a
 * logger. The CLI, the daemon and the HTTP API build one and call the same use cases with it.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import type { Senders } from '../notify/types.js';
import type { Archive } from '../store/archive.js';
import type { StateDb } from '../store/state.js';

export type Clock = () => Date;

export interface AppContext {
  cfg: Config;
  archive: Archive;
  state: StateDb;
  clock: Clock;
  log: Logger;
  /** Channel senders (tests inject their own; default: the real ones). */
  senders?: Senders;
}

/** Thrown by use cases for a problem the caller reports as-is (unknown device, nothing stored). */
export class UseCaseError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'UseCaseError';
  }
}
