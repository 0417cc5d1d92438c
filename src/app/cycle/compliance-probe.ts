/**
 * Compliance on every pull, evaluated while the snapshot text is still in memory (the cycle does
 * not keep every config), stored and alerted by the `compliance` step with the cycle's other
 * decisions in one transaction. An unchanged input (same text, facts, handshake, packs, waivers,
 * day) skips the evaluation: a hash instead of 39 rules.
 */
import type { Device } from '../../config/schema.js';
import { complianceTransitions } from '../../compliance/transitions.js';
import { handshakeEvidence } from '../../compliance/handshake.js';
import { evaluateDevice, inputKey, type ComplianceContext, type DeviceCompliance } from '../../compliance/pipeline.js';
import type { Facts } from '../../drivers/types.js';
import type { ComplianceRepo } from '../../state/compliance-repo.js';
import type { Handshake } from '../../transport/handshake.js';

export interface ComplianceFinding {
  evaluation: DeviceCompliance;
  key: string;
  regressions: ReturnType<typeof complianceTransitions>['regressions'];
  fixes: ReturnType<typeof complianceTransitions>['fixes'];
}

/**
 * Process totals of the probe: pulls evaluated, pulls skipped by their input key, and the µs spent
 * in `inspect` by `clock` (wall time of this synchronous call: two reads of a monotonic clock per
 * pull). bench/compliance.ts sets `clock` to the main thread's CPU time to report the pack's share
 * of cycle CPU.
 */
export const probeMeter = { evaluated: 0, skipped: 0, micros: 0, clock: (): number => performance.now() * 1000 };

/**
 * `storedFacts`: the device's facts from state, for pulls that skipped the facts commands (facts
 * are refreshed every `facts_refresh_hours`). Without them such a pull would be evaluated with no
 * OS version: version clauses would flip, and its input key would differ from the last pull's.
 */
export function complianceProbe(ctx: ComplianceContext, repo: ComplianceRepo, now: () => Date, storedFacts?: (device: string) => Facts | undefined) {
  const findings = new Map<string, ComplianceFinding>();
  return {
    findings,
    inspect(device: Device, text: string, facts: Facts | undefined, handshake: Handshake | undefined): void {
      const start = probeMeter.clock();
      try {
        inspectOne(device, text, facts, handshake);
      } finally {
        probeMeter.micros += probeMeter.clock() - start;
      }
    },
  };

  function inspectOne(device: Device, text: string, facts: Facts | undefined, handshake: Handshake | undefined): void {
    const at = now();
    const input = {
      config: text,
      facts: (facts ?? storedFacts?.(device.name)) as Record<string, unknown> | undefined,
      handshake: handshake && handshakeEvidence(handshake),
    };
    const key = inputKey(ctx, device, input, at);
    if (repo.inputKey(device.name) === key) {
      probeMeter.skipped++;
      return;
    }
    const evaluation = evaluateDevice(ctx, device, input, at);
    findings.set(device.name, { evaluation, key, ...complianceTransitions(repo.previousVerdicts(device.name), evaluation.results) });
    probeMeter.evaluated++;
  }
}
