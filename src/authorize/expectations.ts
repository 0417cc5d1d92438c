/**
 * Expected changes: the use cases the CLI (`driftwatch expect`) and the HTTP API both call.
 * Checking is pure (expectation-input.ts); this module adds the repository and the clock.
 */
import type { ExpectationsRepo } from '../state/expectations-repo.js';
import { changeTicketsAt, isExpiredUnused, statusOf, type Expectation, type ExpectationStatus } from './expectation.js';
import { ExpectationInputError, parseExpectationRequest, type ExpectationRequest } from './expectation-input.js';
import { expiredUnusedNotice } from './notices.js';
import type { DeviceRef } from './scope.js';
import { MAX_BY, oneLine } from './text.js';

export { ExpectationInputError, type ExpectationRequest } from './expectation-input.js';

export interface ExpectationView extends Expectation {
  status: ExpectationStatus;
}

/** Register an expected change; throws ExpectationInputError (every problem) on bad input. */
export function createExpectation(repo: ExpectationsRepo, inventory: readonly DeviceRef[], req: ExpectationRequest, now: Date): Expectation {
  return repo.insert(parseExpectationRequest(req, inventory, now));
}

/** Every expectation the state holds, oldest first, with its status at `now`. */
export function listExpectations(repo: ExpectationsRepo, now: Date): ExpectationView[] {
  return repo.all().map((e) => ({ ...e, status: statusOf(e, now) }));
}

/** Cancel an active expectation by id (a number or its text, as typed). */
export function cancelExpectation(repo: ExpectationsRepo, id: number | string, now: Date, by = 'unknown'): Expectation {
  const n = typeof id === 'number' ? id : /^\d{1,15}$/.test(id.trim()) ? Number(id.trim()) : NaN;
  if (!Number.isSafeInteger(n)) throw new ExpectationInputError([`expectation id must be a number, got "${oneLine(String(id), 40)}"`]);
  const e = repo.get(n);
  if (!e) throw new ExpectationInputError([`no expectation #${n}`]);
  const status = statusOf(e, now);
  if (status !== 'active') throw new ExpectationInputError([`expectation #${n} (${e.ticket}) is already ${status}`]);
  repo.cancel(n, now, oneLine(by, MAX_BY) || 'unknown');
  return repo.get(n)!;
}

/** Expectations active at `at` (for a cycle: read once, then pass to authorizeDrift per device). */
export function activeExpectations(repo: ExpectationsRepo, at: Date): Expectation[] {
  return repo.activeAt(at);
}

/** Tickets active for `device` when it was pulled: one `Change-Ticket:` trailer each. */
export function changeTicketsFor(repo: ExpectationsRepo, device: DeviceRef, pulledAt: Date): string[] {
  return changeTicketsAt(device, repo.activeAt(pulledAt), pulledAt);
}

/** Record that expectations authorized a device's drift (so they do not expire "unused"). */
export function recordExpectationUse(repo: ExpectationsRepo, ids: readonly number[], device: string, at: Date, commit: string | null = null): void {
  for (const id of ids) repo.recordUse(id, device, at, commit);
}

export interface ExpiredUnused {
  expectation: Expectation;
  /** "CHG-123 expired, no change seen on edge-r1". */
  notice: string;
}

/** Expectations that ended unused and have not had their notice yet. Call markExpiredNotified once queued. */
export function expiredUnused(repo: ExpectationsRepo, now: Date): ExpiredUnused[] {
  return repo
    .expiredUnused(now)
    .filter((e) => isExpiredUnused(e, now))
    .map((expectation) => ({ expectation, notice: expiredUnusedNotice(expectation) }));
}

export function markExpiredNotified(repo: ExpectationsRepo, ids: readonly number[], now: Date): void {
  repo.markExpiryNotified(ids, now);
}
