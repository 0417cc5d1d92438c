/**
 * Attribution as people read it, and whether it can be about this change at all. Devices stamp
 * their last config change in local time with a zone abbreviation (IOS `09:37:40 CEST Tue Aug 20
 * 2024`), without a zone (IOS-XR `Tue Sep 30 09:02:26 2025`) or in ISO form (Junos commits). A
 * stamp older than the baseline names an earlier change: the alert must not blame that person.
 */
import { oneLine } from './escape.js';
import type { Alert } from './types.js';

export const STALE_LABEL = "stale: the device's last-change stamp predates the baseline";

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Hours east of UTC for the zone abbreviations devices print. Unknown zones widen the margin instead. */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 1, BST: 1, CET: 1, CEST: 2, MET: 1, MEST: 2, EET: 2, EEST: 3, MSK: 3,
  IST: 5.5, SGT: 8, HKT: 8, JST: 9, KST: 9, AEST: 10, AEDT: 11, NZST: 12, NZDT: 13,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8, HST: -10,
};

/** Widest offset from UTC there is: the uncertainty of a stamp without a known zone. */
const UNKNOWN_ZONE_MARGIN_MS = 14 * 3600_000;

export interface DeviceStamp {
  /** Milliseconds since the epoch, read as UTC. */
  utcMs: number;
  /** False when the zone was absent or unknown: the true instant is within ±14 h. */
  zoneKnown: boolean;
}

function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3])) * 60_000;
  const hours = ZONES[zone.toUpperCase()];
  return hours === undefined ? undefined : hours * 3600_000;
}

function build(y: string, mon: number, d: string, h: string, mi: string, s: string, zone?: string): DeviceStamp | undefined {
  if (mon < 0) return undefined;
  const local = Date.UTC(Number(y), mon, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(local)) return undefined;
  const off = zoneOffsetMs(zone);
  return { utcMs: local - (off ?? 0), zoneKnown: off !== undefined };
}

/** Parses the stamp forms devices print; undefined when it is none of them. Pure. */
export function parseDeviceStamp(text: string): DeviceStamp | undefined {
  const s = text.trim().replace(/^[*.]/, '');
  // IOS: 09:37:40[.123] CEST Tue Aug 20 2024
  let m = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?\s+(?:([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})\s+)?(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\b/.exec(s);
  if (m) return build(m[7]!, MONTHS.indexOf(m[5]!.toLowerCase()), m[6]!, m[1]!, m[2]!, m[3]!, m[4]);
  // IOS-XR / ctime: Tue Sep 30 09:02:26 [CEST] 2025
  m = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:([A-Za-z]{1,5})\s+)?(\d{4})\b/.exec(s);
  if (m) return build(m[7]!, MONTHS.indexOf(m[1]!.toLowerCase()), m[2]!, m[3]!, m[4]!, m[5]!, m[6]);
  // ISO and Junos: 2024-08-20T09:37:40Z, 2024-08-20 09:37:40 UTC, 2024-08-20 09:37:40 +0200; PAN-OS 2024/08/20 09:37:40
  m = /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\b/.exec(s);
  if (m) return build(m[1]!, Number(m[2]) - 1, m[3]!, m[4]!, m[5]!, m[6]!, m[7]);
  // RFC 1123 (what Date#toUTCString prints): Tue, 20 Aug 2024 09:37:40 GMT
  m = /^(?:[A-Za-z]{3},\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s*([A-Za-z]{1,5}|[+-]\d{4})?/.exec(s);
  if (m) return build(m[3]!, MONTHS.indexOf(m[2]!.toLowerCase()), m[1]!, m[4]!, m[5]!, m[6]!, m[7]);
  return undefined;
}

/**
 * True when the device's last-change stamp `at` is certainly older than the baseline (`baselineAt`:
 * ISO string or Date of the baseline snapshot). An unreadable stamp is not called stale.
 */
export function isStaleAttribution(at: string | undefined, baselineAt: string | Date | undefined): boolean {
  if (!at || baselineAt === undefined) return false;
  const stamp = parseDeviceStamp(at);
  const base = baselineAt instanceof Date ? baselineAt.getTime() : Date.parse(baselineAt);
  if (!stamp || !Number.isFinite(base)) return false;
  const margin = stamp.zoneKnown ? 0 : UNKNOWN_ZONE_MARGIN_MS;
  return stamp.utcMs + margin < base;
}

/** `jdoe from 10.1.1.1 via ssh at 09:37:40 CEST Tue Aug 20 2024`, plus the stale label when it applies. */
export function attributionText(a: Alert['attribution']): string | undefined {
  if (!a || (!a.user && !a.source && !a.at)) return undefined;
  const text = [a.user ?? 'unknown user', a.source ? `from ${a.source}` : '', a.via ? `via ${a.via}` : '', a.at ? `at ${a.at}` : ''].filter(Boolean).join(' ');
  return oneLine(a.stale ? `${text} (${STALE_LABEL})` : text);
}

/** The commands the device logged for that change (IOS archive, NX-OS accounting), one line; not when stale. */
export function typedCommandsText(a: Alert['attribution']): string | undefined {
  if (!a?.commands?.length || a.stale) return undefined;
  return oneLine(a.commands.join(' ; '));
}

/** The user to name in a subject or header: only when the stamp is about this change. */
export function changedByUser(alert: Alert): string | undefined {
  const a = alert.attribution;
  return a?.user && !a.stale ? oneLine(a.user) : undefined;
}
