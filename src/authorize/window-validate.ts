/**
 * Semantic checks of the `windows:` config list, beyond its shape: cron, durations, time zones,
 * one-off times, scope names that exist in the inventory, unique names. Pure; config/load.ts turns
 * each problem's path into file:line.
 */
import type { WindowConfig } from '../config/schema.js';
import { CronError, parseCron } from './cron.js';
import { parseDuration, parseIsoInstant } from './duration.js';
import { isValidTimeZone } from './zoned-time.js';

/** Longest cron window: longer spans are one-off windows (start + end), not a schedule. */
export const MAX_WINDOW_DURATION_MS = 31 * 86_400_000;

export interface Inventory {
  devices: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  tags: ReadonlySet<string>;
}

export interface WindowProblem {
  /** Path in the config document, e.g. ['windows', 0, 'cron']. */
  path: (string | number)[];
  message: string;
}

export function windowProblems(windows: readonly WindowConfig[], inventory: Inventory): WindowProblem[] {
  const problems: WindowProblem[] = [];
  const seen = new Map<string, number>();
  windows.forEach((w, i) => {
    const report = (key: string | undefined, message: string) =>
      problems.push({ path: key ? ['windows', i, key] : ['windows', i], message: `windows[${i}] (${w.name}): ${message}` });
    const first = seen.get(w.name);
    if (first !== undefined) report('name', `duplicate window name (first used by windows[${first}])`);
    else seen.set(w.name, i);

    if (!isValidTimeZone(w.timezone)) report('timezone', `unknown time zone "${w.timezone}" (use an IANA name such as Europe/Berlin)`);
    const cron = w.cron !== undefined || w.duration !== undefined;
    const once = w.start !== undefined || w.end !== undefined;
    if (cron && once) report(undefined, 'give either cron + duration or start + end, not both');
    else if (!cron && !once) report(undefined, 'needs cron + duration or start + end');
    else if (cron) checkCron(w, report);
    else checkOnce(w, report);

    for (const [key, known, what] of [
      ['devices', inventory.devices, 'device'],
      ['groups', inventory.groups, 'group'],
      ['tags', inventory.tags, 'tag'],
    ] as const) {
      const unknown = w[key].filter((n) => !known.has(n));
      if (unknown.length) report(key, `unknown ${what}${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (not in the inventory)`);
    }
  });
  return problems;
}

type Report = (key: string | undefined, message: string) => void;

function checkCron(w: WindowConfig, report: Report): void {
  if (w.cron === undefined) report('duration', 'duration needs a cron start');
  else {
    try {
      parseCron(w.cron);
    } catch (err) {
      if (!(err instanceof CronError)) throw err;
      report('cron', `invalid cron "${w.cron}": ${err.message}`);
    }
  }
  if (w.duration === undefined) report(w.cron === undefined ? undefined : 'cron', 'cron needs a duration (e.g. 90m, 4h, 1h30m)');
  else {
    const ms = parseDuration(w.duration);
    if (ms === undefined) report('duration', `invalid duration "${w.duration}" (e.g. 90m, 4h, 1h30m, 2d)`);
    else if (ms > MAX_WINDOW_DURATION_MS) report('duration', `duration "${w.duration}" is longer than 31 days (use start + end)`);
  }
}

function checkOnce(w: WindowConfig, report: Report): void {
  const start = w.start === undefined ? undefined : parseIsoInstant(w.start);
  const end = w.end === undefined ? undefined : parseIsoInstant(w.end);
  const iso = 'ISO 8601 with offset, e.g. 2026-03-29T01:00:00+01:00';
  if (w.start === undefined) report(undefined, 'end needs a start');
  else if (!start) report('start', `invalid start "${w.start}" (${iso})`);
  if (w.end === undefined) report('start', 'start needs an end');
  else if (!end) report('end', `invalid end "${w.end}" (${iso})`);
  if (start && end && end.getTime() <= start.getTime()) report('end', `end ${w.end} is not after start ${w.start}`);
}

/** Names the inventory knows, defaults applied (a device's group may come from `defaults`). */
export function inventoryOf(
  devices: ReadonlyArray<{ name: string; group?: string; tags?: readonly string[] }>,
  defaults: { group?: string; tags?: readonly string[] } = {},
): Inventory {
  const groups = new Set<string>();
  const tags = new Set<string>();
  for (const d of devices) {
    const group = d.group ?? defaults.group;
    if (group) groups.add(group);
    for (const t of d.tags ?? defaults.tags ?? []) tags.add(t);
  }
  return { devices: new Set(devices.map((d) => d.name)), groups, tags };
}
