/**
 * The whole drift lifecycle of one device as one pure decision: from what the store holds (the
 * device's latest commit and its baseline), what the state has open, the comparison of the two and
 * whether the change is authorized, say what happens next. Applied in one place
 * (app/cycle/apply-decisions.ts). Decided from what is in git, not from whether this pull
 * committed: a crash between the commit and the state write is caught by the next cycle.
 */
import { createHash } from 'node:crypto';
import type { DriftResult } from './compare.js';

export interface OpenDrift {
  id: number;
  diffHash: string;
}

/** Why a drift is not an intruder's: a maintenance window or an expected change (ticket). */
export interface Authorization {
  /** Recorded as the approver: `window:<name>` or `ticket:<id>`. */
  by: string;
  ticket?: string;
  window?: string;
  /** One line for the notice and the approval tag. */
  note: string;
  /** Expectations that covered it (their use is recorded, so they are not reported as unused). */
  expectationIds?: number[];
}

export interface LifecycleInput {
  /** The device's latest stored commit; undefined when nothing is stored yet. */
  current?: string;
  baseline?: string;
  open?: OpenDrift;
  /** baseline -> current; required when both exist and differ. */
  result?: DriftResult;
  /** Only considered for drift first seen now: an already open drift is never authorized after the fact. */
  authorization?: Authorization;
}

export type DriftDecision =
  | { action: 'none' } // nothing stored, or at the baseline with nothing open
  | { action: 'set-baseline' } // first good snapshot: it becomes the known-good baseline
  | { action: 'advance-baseline'; resolveId?: number } // changed, but not drift (ignored lines, mask upgrade)
  | { action: 'still-open'; driftId: number } // the same drift as already alerted
  | { action: 'open'; diffHash: string }
  | { action: 'update'; driftId: number; diffHash: string }
  | { action: 'resolve'; driftId: number } // back at the baseline
  | { action: 'authorize'; authorization: Authorization; diffHash: string };

export function diffHash(result: DriftResult): string {
  return createHash('sha256').update(result.diff).digest('hex').slice(0, 16);
}

/** True when deciding needs the comparison (callers read texts only then). */
export function needsComparison(input: Pick<LifecycleInput, 'current' | 'baseline'>): boolean {
  return !!input.current && !!input.baseline && input.current !== input.baseline;
}

export function decideDrift(input: LifecycleInput): DriftDecision {
  const { current, baseline, open, result } = input;
  if (!current) return { action: 'none' };
  if (!baseline) return { action: 'set-baseline' };
  if (current === baseline) return open ? { action: 'resolve', driftId: open.id } : { action: 'none' };
  if (!result) throw new Error('decideDrift: the comparison of baseline and current is missing');
  if (!result.drifted) return open ? { action: 'advance-baseline', resolveId: open.id } : { action: 'advance-baseline' };
  const hash = diffHash(result);
  if (open) return open.diffHash === hash ? { action: 'still-open', driftId: open.id } : { action: 'update', driftId: open.id, diffHash: hash };
  if (input.authorization) return { action: 'authorize', authorization: input.authorization, diffHash: hash };
  return { action: 'open', diffHash: hash };
}

/** Consecutive-failure alerts: one when the count reaches the threshold, one recovery notice after. */
export function failureTransition(previousFailures: number, failedNow: boolean, threshold: number): 'failing' | 'recovered' | undefined {
  if (failedNow && previousFailures + 1 === threshold) return 'failing';
  if (!failedNow && previousFailures >= threshold) return 'recovered';
  return undefined;
}
