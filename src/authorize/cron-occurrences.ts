/**
 * When a cron expression fires in a time zone: the cron fields are matched against civil dates
 * and wall-clock times, and each match is turned into an instant with that day's real offset.
 */
import { matchesDate, type CronSpec } from './cron.js';
import { addDays, civilMs, instantOf, offsetAt, wallTimeAt, weekdayOf } from './zoned-time.js';

type CivilDate = { year: number; month: number; day: number };

/** Every start of `spec` on one civil date in `timeZone`, as sorted, unique instants (ms). */
export function startsOnDate(spec: CronSpec, timeZone: string, date: CivilDate): number[] {
  if (!matchesDate(spec, date.month, date.day, weekdayOf(date.year, date.month, date.day))) return [];
  const first = instantOf({ ...date, hour: 0, minute: 0 }, timeZone);
  const last = instantOf({ ...date, hour: 23, minute: 59 }, timeZone);
  const offset = offsetAt(first, timeZone);
  // Most days have one offset all day; only a transition day needs the per-time lookup.
  const steady = offsetAt(last, timeZone) === offset;
  const midnight = civilMs({ ...date, hour: 0, minute: 0 });
  const out: number[] = [];
  for (const hour of spec.hours) {
    for (const minute of spec.minutes) {
      out.push(steady ? midnight + hour * 3_600_000 + minute * 60_000 - offset : instantOf({ ...date, hour, minute }, timeZone));
    }
  }
  // A time in the spring-forward gap moves past later times of the same night: re-sort.
  return steady ? out : [...new Set(out)].sort((a, b) => a - b);
}

function localDate(ms: number, timeZone: string): CivilDate {
  const w = wallTimeAt(ms, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** The latest start at or before `now` and after `now - lookbackMs`, if any. */
export function lastStartWithin(spec: CronSpec, timeZone: string, now: number, lookbackMs: number): number | undefined {
  const today = localDate(now, timeZone);
  const days = Math.ceil(lookbackMs / 86_400_000) + 2;
  let best: number | undefined;
  let foundOn: number | undefined;
  for (let i = -1; i <= days; i++) {
    // A gap-shifted time of an earlier day can land after midnight: look one day past the first hit.
    if (foundOn !== undefined && i > foundOn + 1) break;
    for (const t of startsOnDate(spec, timeZone, addDays(today.year, today.month, today.day, -i))) {
      if (t <= now && t > now - lookbackMs && (best === undefined || t > best)) [best, foundOn] = [t, foundOn ?? i];
    }
  }
  return best;
}

/** Longest search for a next start: Feb 29 on a given weekday can be years away. */
const HORIZON_DAYS = 366 * 8;

/** The first start strictly after `now`, within eight years, if any. */
export function firstStartAfter(spec: CronSpec, timeZone: string, now: number): number | undefined {
  const today = localDate(now, timeZone);
  let best: number | undefined;
  for (let i = -1; i <= HORIZON_DAYS; i++) {
    for (const t of startsOnDate(spec, timeZone, addDays(today.year, today.month, today.day, i))) {
      if (t > now && (best === undefined || t < best)) best = t;
    }
    // Earlier days were searched already and shifts only move times later: the first hit is it.
    if (best !== undefined) break;
  }
  return best;
}
