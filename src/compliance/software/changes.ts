/**
 * Software facts over time (pure): a version downgrade (a classic way back to a vulnerable
 * release) or an image change between two pulls, and the check against the user's data file of
 * minimum/recommended versions and end-of-life models.
 */
import { compareVersions } from './version.js';

export interface SoftwareFacts {
  os_version?: string;
  model?: string;
  image?: string;
}

export type SoftwareChange =
  | { kind: 'downgrade'; from: string; to: string }
  | { kind: 'upgrade'; from: string; to: string }
  | { kind: 'image-change'; from: string; to: string };

/** Changes between the previous and current facts; unknown values on either side decide nothing. */
export function softwareChanges(previous: SoftwareFacts | undefined, current: SoftwareFacts): SoftwareChange[] {
  if (!previous) return [];
  const out: SoftwareChange[] = [];
  const a = previous.os_version;
  const b = current.os_version;
  if (a && b && a !== b) {
    const d = compareVersions(b, a);
    if (d < 0) out.push({ kind: 'downgrade', from: a, to: b });
    else if (d > 0) out.push({ kind: 'upgrade', from: a, to: b });
  }
  if (previous.image && current.image && previous.image !== current.image) out.push({ kind: 'image-change', from: previous.image, to: current.image });
  return out;
}

/** One entry of the versions file: platform (canonical id or alias), optional model regex. */
export interface VersionPolicy {
  platform: string;
  model?: string;
  minimum?: string;
  recommended?: string;
  /** YYYY-MM-DD: the model (or the release train matching `version`) is end of life from then. */
  end_of_life?: string;
  /** Only versions starting with this (a train, e.g. "15.2") are covered by the entry. */
  version?: string;
}

export interface VersionFinding {
  kind: 'below-minimum' | 'below-recommended' | 'end-of-life';
  /**
   * The finding and the file entry behind it, without the running version: an upgrade that is
   * still below the same minimum is the same finding (alerted once), a new minimum is a new one.
   */
  key: string;
  severity: 'critical' | 'warning' | 'info';
  summary: string;
}

const patterns = new Map<string, RegExp>();
/** Each cycle checks every device against every entry: compile a model pattern once. */
function modelPattern(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    if (patterns.size > 1000) patterns.clear();
    patterns.set(source, (re = new RegExp(source)));
  }
  return re;
}

export function checkVersion(platform: string, facts: SoftwareFacts, policies: readonly VersionPolicy[], now: Date): VersionFinding[] {
  const v = facts.os_version;
  const out: VersionFinding[] = [];
  for (const p of policies) {
    if (p.platform !== platform) continue;
    if (p.model && !(facts.model && modelPattern(p.model).test(facts.model))) continue;
    if (p.version && !(v && v.startsWith(p.version))) continue;
    const what = `${facts.model ?? platform}${v ? ` ${v}` : ''}`;
    const entry = `${p.platform}|${p.model ?? ''}|${p.version ?? ''}`;
    if (v && p.minimum && compareVersions(v, p.minimum) < 0)
      out.push({ kind: 'below-minimum', key: `below-minimum|${entry}|${p.minimum}`, severity: 'critical', summary: `${what} is below the minimum ${p.minimum}` });
    else if (v && p.recommended && compareVersions(v, p.recommended) < 0)
      out.push({ kind: 'below-recommended', key: `below-recommended|${entry}|${p.recommended}`, severity: 'warning', summary: `${what} is below the recommended ${p.recommended}` });
    if (p.end_of_life && new Date(`${p.end_of_life}T00:00:00Z`) <= now)
      out.push({ kind: 'end-of-life', key: `end-of-life|${entry}|${p.end_of_life}`, severity: 'warning', summary: `${what} is end of life since ${p.end_of_life}` });
  }
  return out;
}
