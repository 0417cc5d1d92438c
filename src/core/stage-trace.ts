/**
 * Timestamps of the stages a pull goes through (syslog settled, pulled, commit queued/started/
 * done, decisions), published on a diagnostics channel for the detection benchmark
 * (bench/detection.ts). Nothing is logged or kept: with no subscriber a call costs one check.
 */
import { channel } from 'node:diagnostics_channel';

export interface StageEvent {
  stage: string;
  /** The devices the stage is about (a batch, a cycle); empty when not device-specific. */
  devices: readonly string[];
  /** performance.now() of the event. */
  at: number;
  /** Which lane (e.g. 'urgent' or 'normal' for the store's commit queue). */
  lane?: string;
}

export const STAGE_CHANNEL = 'driftwatch:stage';
const ch = channel(STAGE_CHANNEL);

export function traceStage(stage: string, devices: () => readonly string[], lane?: string): void {
  if (ch.hasSubscribers) ch.publish({ stage, devices: devices(), at: performance.now(), lane } satisfies StageEvent);
}
