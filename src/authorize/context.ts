/**
 * What a cycle reads once before judging its devices' drift (the compiled windows and the
 * expectations active at the cycle's time: one query, not one per device), and the one call per
 * drifted device that turns a DriftResult into an authorization.
 */
import type { WindowConfig } from '../config/schema.js';
import type { DriftResult } from '../drift/compare.js';
import type { ExpectationsRepo } from '../state/expectations-repo.js';
import { authorizeDrift, type Authorization } from './authorize-drift.js';
import { changedLinesOf } from './changed-lines.js';
import { changeTicketsAt, type Expectation } from './expectation.js';
import type { DeviceRef } from './scope.js';
import { compileWindows, type MaintenanceWindow } from './windows.js';

export interface AuthorizationContext {
  windows: MaintenanceWindow[];
  expectations: Expectation[];
}

export function authorizationContext(cfg: { windows: readonly WindowConfig[] }, repo: ExpectationsRepo, now: Date): AuthorizationContext {
  return { windows: compileWindows(cfg.windows), expectations: repo.activeAt(now) };
}

/** Judge one device's drift, first seen at `firstSeen`, against the cycle's windows and expectations. */
export function authorizeDriftResult(device: DeviceRef, result: Pick<DriftResult, 'diff' | 'severity'>, ctx: AuthorizationContext, firstSeen: Date): Authorization {
  return authorizeDrift({ device, now: firstSeen, severity: result.severity, changedLines: changedLinesOf(result.diff), windows: ctx.windows, expectations: ctx.expectations });
}

/** `Change-Ticket:` trailer values for a device's commit pulled at `pulledAt`. */
export function changeTicketsForCommit(device: DeviceRef, ctx: AuthorizationContext, pulledAt: Date): string[] {
  return changeTicketsAt(device, ctx.expectations, pulledAt);
}
