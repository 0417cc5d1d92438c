/**
 * Compliance for the pull pipeline and the audit command: the loaded rules and waivers, one
 * device's evaluation, and the per-pull step that stores verdicts and yields alerts.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Config, Device, Waiver } from '../config/schema.js';
import type { Alert } from '../notify/types.js';
import type { ComplianceRepo } from '../state/compliance-repo.js';
import { complianceFixedNotice, complianceRegressionAlert } from './alerts.js';
import { evaluateRules, score } from './engine.js';
import { loadPacks, PackError } from './pack-load.js';
import { complianceTransitions } from './transitions.js';
import type { EvalInput, Rule, RuleResult } from './types.js';
import { applyWaivers, unknownWaiverRules } from './waivers.js';

export interface ComplianceContext {
  rules: Rule[];
  byId: Map<string, Rule>;
  waivers: Waiver[];
  /** Changes when a pack or a waiver changes (part of each device's input key). */
  fingerprint: string;
}

/** Built-in packs plus `compliance.packs` (relative to the config file); throws PackError naming file:line. */
export function loadComplianceContext(cfg: Pick<Config, 'file' | 'compliance'>): ComplianceContext {
  const dir = cfg.compliance.packs ? resolve(dirname(cfg.file), cfg.compliance.packs) : undefined;
  const rules = loadPacks(dir).flatMap((p) => p.rules);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const unknown = unknownWaiverRules(cfg.compliance.waivers, new Set(byId.keys()));
  if (unknown.length) throw new PackError(unknown.map((id) => `${cfg.file}: compliance.waivers: no loaded rule has the id ${JSON.stringify(id)}`));
  const fingerprint = createHash('sha256').update(JSON.stringify([rules, cfg.compliance.waivers])).digest('hex');
  return { rules, byId, waivers: cfg.compliance.waivers, fingerprint };
}

export interface DeviceCompliance {
  results: RuleResult[];
  score: number;
}

/** Pure: every rule over one device's snapshot, waivers applied, scored. */
export function evaluateDevice(ctx: ComplianceContext, device: Device, input: Omit<EvalInput, 'platform' | 'tags'>, now: Date): DeviceCompliance {
  const raw = evaluateRules(ctx.rules, Object.assign({}, input, { platform: device.platform, tags: device.tags }));
  const results = applyWaivers(raw, device, ctx.waivers, now);
  return { results, score: score(results) };
}

/**
 * What the verdicts of one device depend on: its snapshot, facts, handshake, exec outputs, tags,
 * the loaded packs and waivers, and the day (waivers expire at midnight UTC). Equal keys cannot
 * give other verdicts, so an unchanged pull skips the evaluation (a hash instead of 39 rules).
 */
export function inputKey(ctx: ComplianceContext, device: Device, input: Omit<EvalInput, 'platform' | 'tags'>, now: Date): string {
  return createHash('sha256')
    .update(ctx.fingerprint)
    .update(now.toISOString().slice(0, 10))
    .update(JSON.stringify([device.platform, device.group ?? null, device.tags, input.facts ?? null, input.handshake ?? null, input.exec ?? null]))
    .update(input.config)
    .digest('base64');
}

/**
 * After a successful pull: evaluate, compare with the stored verdicts, store the new ones, and
 * return the alerts to enqueue (a regression alerts even when the change itself was authorized).
 * When nothing the verdicts depend on changed since the last evaluation, returns no evaluation.
 */
export function complianceAfterPull(
  repo: ComplianceRepo,
  ctx: ComplianceContext,
  device: Device,
  input: Omit<EvalInput, 'platform' | 'tags'>,
  now: Date,
  commit?: string,
): { evaluation?: DeviceCompliance; alerts: Alert[] } {
  const key = inputKey(ctx, device, input, now);
  if (repo.inputKey(device.name) === key) return { alerts: [] };
  const evaluation = evaluateDevice(ctx, device, input, now);
  const previous = repo.previousVerdicts(device.name);
  const { regressions, fixes } = complianceTransitions(previous, evaluation.results);
  repo.save(device.name, evaluation.results, evaluation.score, now, commit, key);
  const alerts: Alert[] = [];
  if (regressions.length) alerts.push(complianceRegressionAlert(device, regressions, ctx.byId, now, commit));
  if (fixes.length) alerts.push(complianceFixedNotice(device, fixes, now, commit));
  return { evaluation, alerts };
}
