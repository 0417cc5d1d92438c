/**
 * The drift lifecycle as a pure decision: given what the state knows about a device and what this
 * pull produced, say what changes (baseline set, drift opened / updated / resolved) and which
 * alerts that raises. No I/O: drift/watch.ts applies the decision.
 */
import { createHash } from 'node:crypto';
import type { DriftResult } from './compare.js';

export interface OpenDrift {
  id: number;
  diffHash: string;
}

export type DriftDecision =
  | { action: 'set-baseline' } // first good snapshot: it becomes the known-good baseline
  | { action: 'none' } // matches the baseline, nothing open
  | { action: 'still-open' } // same drift as already alerted
  | { action: 'open'; result: DriftResult; diffHash: string }
  | { action: 'update'; result: DriftResult; diffHash: string; driftId: number }
  | { action: 'resolve'; driftId: number };

export function diffHash(result: DriftResult): string {
  return createHash('sha256').update(result.diff).digest('hex').slice(0, 16);
}

export function decideDrift(input: { hasBaseline: boolean; open?: OpenDrift; result?: DriftResult }): DriftDecision {
  if (!input.hasBaseline) return { action: 'set-baseline' };
  const { open, result } = input;
  if (!result || !result.drifted) return open ? { action: 'resolve', driftId: open.id } : { action: 'none' };
  const hash = diffHash(result);
  if (!open) return { action: 'open', result, diffHash: hash };
  if (open.diffHash === hash) return { action: 'still-open' };
  return { action: 'update', result, diffHash: hash, driftId: open.id };
}

/** Consecutive-failure alerts: one when the count reaches the threshold, one recovery notice after. */
export function failureTransition(previousFailures: number, failedNow: boolean, threshold: number): 'failing' | 'recovered' | undefined {
  if (failedNow && previousFailures + 1 === threshold) return 'failing';
  if (!failedNow && previousFailures >= threshold) return 'recovered';
  return undefined;
}
