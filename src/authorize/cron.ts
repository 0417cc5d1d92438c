/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), parsed into sets and
 * matched against a wall-clock time. Supports `*`, lists, ranges, steps, month and weekday names,
 * 7 as Sunday, and @hourly/@daily/@weekly/@monthly/@yearly. As in Vixie cron, when both day
 * fields are restricted a day matches if either does.
 */

export interface CronSpec {
  minutes: readonly number[];
  hours: readonly number[];
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

export class CronError extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  namesFrom?: number;
}

const FIELDS: readonly FieldDef[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS, namesFrom: 0 },
];

function value(text: string, f: FieldDef): number {
  const named = f.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + f.namesFrom!;
  if (!/^\d{1,2}$/.test(text)) throw new CronError(`${f.name}: "${text}" is not a number${f.names ? ' or name' : ''}`);
  const n = Number(text);
  if (n < f.min || n > f.max) throw new CronError(`${f.name}: ${n} is outside ${f.min}-${f.max}`);
  return n;
}

function field(text: string, f: FieldDef): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) throw new CronError(`${f.name}: cannot read "${part}"`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw new CronError(`${f.name}: step must be at least 1 in "${part}"`);
    let lo: number;
    let hi: number;
    if (m[1] === '*') [lo, hi] = [f.min, f.max];
    else if (m[1]!.includes('-')) {
      const [a, b, extra] = m[1]!.split('-');
      if (extra !== undefined || !a || !b) throw new CronError(`${f.name}: cannot read range "${m[1]}"`);
      [lo, hi] = [value(a, f), value(b, f)];
      if (lo > hi) throw new CronError(`${f.name}: range "${m[1]}" runs backwards`);
    } else {
      lo = value(m[1]!, f);
      hi = m[2] === undefined ? lo : f.max; // `5/15`: from 5 to the end, every 15
    }
    for (let v = lo; v <= hi; v += step) out.add(f.name === 'day of week' && v === 7 ? 0 : v);
  }
  return out;
}

/** Parse a 5-field cron expression; throws CronError saying which field is wrong. */
export function parseCron(expression: string): CronSpec {
  const text = MACROS[expression.trim().toLowerCase()] ?? expression.trim();
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new CronError(`expected 5 fields (minute hour day month weekday), got ${parts.length}`);
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => field(p, FIELDS[i]!));
  return {
    minutes: [...minutes!].sort((a, b) => a - b),
    hours: [...hours!].sort((a, b) => a - b),
    days: days!,
    months: months!,
    weekdays: weekdays!,
    daysRestricted: !parts[2]!.startsWith('*'),
    weekdaysRestricted: !parts[4]!.startsWith('*'),
  };
}

/** Does the cron's date part (day of month, month, weekday) match this civil date? */
export function matchesDate(spec: CronSpec, month: number, day: number, weekday: number): boolean {
  if (!spec.months.has(month)) return false;
  const dom = spec.days.has(day);
  const dow = spec.weekdays.has(weekday);
  if (spec.daysRestricted && spec.weekdaysRestricted) return dom || dow;
  return dom && dow;
}
