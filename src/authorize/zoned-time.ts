/**
 * Wall-clock time in an IANA time zone, through Intl only: the zone's offset is read from the
 * tz database for each instant, never assumed, so daylight-saving changes come out right.
 */

/** A civil (wall-clock) date and time; month 1-12, weekday 0 = Sunday. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime's tz database knows `timeZone` (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at instant `ms` in `timeZone` (seconds dropped). */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (Berlin in summer: +7_200_000). */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 60_000) * 60_000; // offsets are whole minutes in every zone still in use
  return civilMs(wallTimeAt(whole, timeZone)) - whole;
}

/** Milliseconds of a wall time read as if it were UTC (the civil-calendar number line). */
export const civilMs = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/**
 * The instant a wall-clock time names in `timeZone`. Ambiguous times (the hour repeated when
 * clocks go back) resolve to the earlier instant; times that do not exist (skipped when clocks go
 * forward) move forward by the length of the gap (02:30 on the spring-forward night in Berlin
 * becomes 03:30 CEST), the way cron daemons run jobs of the skipped hour right after it.
 */
export function instantOf(w: WallTime, timeZone: string): number {
  const guess = civilMs(w);
  const DAY = 86_400_000;
  const before = offsetAt(guess - DAY, timeZone);
  const after = offsetAt(guess + DAY, timeZone);
  const valid = [guess - before, guess - after].filter((t, i) => offsetAt(t, timeZone) === (i === 0 ? before : after));
  if (valid.length) return Math.min(...valid);
  return guess - before; // in the gap: read with the offset in force before the change
}

/** Weekday (0 = Sunday) of a civil date; pure calendar arithmetic, no zone involved. */
export const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The civil date `days` after the given one. */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
