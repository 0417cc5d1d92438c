/**
 * What a cycle reads once before judging its devices' drift: the compiled windows of the config
 * and the expectations active at the cycle's time (one query, not one per device).
 */
import type { WindowConfig } from '../config/schema.js';
import type { ExpectationsRepo } from '../state/expectations-repo.js';
import type { Expectation } from './expectation.js';
import { compileWindows, type MaintenanceWindow } from './windows.js';

export interface AuthorizationContext {
  windows: MaintenanceWindow[];
  expectations: Expectation[];
}

export function authorizationContext(cfg: { windows: readonly WindowConfig[] }, repo: ExpectationsRepo, now: Date): AuthorizationContext {
  return { windows: compileWindows(cfg.windows), expectations: repo.activeAt(now) };
}
