/**
 * Waivers (pure): a rule accepted as-is for a device, a group or a tag, with a reason, until an
 * expiry date (end of that day, UTC). An expired waiver no longer applies, and reports say so.
 */
import type { Waiver } from '../config/schema.js';
import type { RuleResult } from './types.js';

export interface WaivableDevice {
  name: string;
  group?: string;
  tags: readonly string[];
}

function scopeOf(w: Waiver, d: WaivableDevice): string | undefined {
  if (w.device) return w.device === d.name ? `device ${w.device}` : undefined;
  if (w.group) return w.group === d.group ? `group ${w.group}` : undefined;
  if (w.tag) return d.tags.includes(w.tag) ? `tag ${w.tag}` : undefined;
  return undefined;
}

/** The end of the expiry day, UTC: a waiver "until 2026-12-31" holds all of that day. */
export function waiverEnd(w: Waiver): Date {
  return new Date(`${w.expires}T23:59:59.999Z`);
}

/** Results with `waiver` set where an unexpired waiver covers the rule; expired ones add a note. */
export function applyWaivers(results: readonly RuleResult[], device: WaivableDevice, waivers: readonly Waiver[], now: Date): RuleResult[] {
  return results.map((r) => {
    let out = r;
    for (const w of waivers) {
      if (w.rule !== r.rule) continue;
      const scope = scopeOf(w, device);
      if (!scope) continue;
      if (waiverEnd(w) < now) {
        out = { ...out, notes: [...out.notes, `waiver for ${scope} expired on ${w.expires}: ${w.reason}`] };
        continue;
      }
      if (!out.waiver) out = { ...out, waiver: { reason: w.reason, expires: w.expires, scope } };
    }
    return out;
  });
}

/** Waivers naming rules that no loaded pack defines (a typo would silently waive nothing). */
export function unknownWaiverRules(waivers: readonly Waiver[], ruleIds: ReadonlySet<string>): string[] {
  return [...new Set(waivers.map((w) => w.rule).filter((id) => !ruleIds.has(id)))];
}
