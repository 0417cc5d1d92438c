/**
 * Maintenance windows (pure): when each is open, and which are open for a device. A cron window
 * opens at each start of its cron expression, read in its time zone, and stays open for its
 * duration of elapsed time; a one-off window is open from `start` to `end`.
 */
import type { WindowConfig } from '../config/schema.js';
import { parseCron, type CronSpec } from './cron.js';
import { firstStartAfter, lastStartWithin } from './cron-occurrences.js';
import { parseDuration, parseIsoInstant } from './duration.js';
import { inScope, type DeviceRef, type Scope } from './scope.js';

export type WindowSchedule =
  | { kind: 'cron'; expression: string; spec: CronSpec; durationMs: number }
  | { kind: 'once'; start: number; end: number };

export interface MaintenanceWindow {
  name: string;
  timezone: string;
  /** `non-critical`: a critical change still alerts inside the window. */
  authorize: 'all' | 'non-critical';
  scope: Scope;
  schedule: WindowSchedule;
}

export interface Opening {
  start: Date;
  end: Date;
}

/** A validated config entry (config/load.ts ran windowProblems) to a window; throws on entries it cannot read. */
export function compileWindow(raw: WindowConfig): MaintenanceWindow {
  const base = { name: raw.name, timezone: raw.timezone, authorize: raw.authorize, scope: { devices: raw.devices, groups: raw.groups, tags: raw.tags } };
  if (raw.cron !== undefined) {
    const durationMs = parseDuration(raw.duration ?? '');
    if (durationMs === undefined) throw new Error(`window ${raw.name}: bad duration "${raw.duration}"`);
    return { ...base, schedule: { kind: 'cron', expression: raw.cron, spec: parseCron(raw.cron), durationMs } };
  }
  const start = parseIsoInstant(raw.start ?? '');
  const end = parseIsoInstant(raw.end ?? '');
  if (!start || !end) throw new Error(`window ${raw.name}: needs cron + duration or start + end (ISO 8601 with offset)`);
  return { ...base, schedule: { kind: 'once', start: start.getTime(), end: end.getTime() } };
}

export const compileWindows = (raw: readonly WindowConfig[]): MaintenanceWindow[] => raw.map(compileWindow);

/** The opening `now` falls in (start <= now < end), if the window is open. */
export function currentOpening(window: MaintenanceWindow, now: Date): Opening | undefined {
  const t = now.getTime();
  const s = window.schedule;
  if (s.kind === 'once') return s.start <= t && t < s.end ? { start: new Date(s.start), end: new Date(s.end) } : undefined;
  // Openings all last as long, so the latest start decides; earlier ones ended no later.
  const start = lastStartWithin(s.spec, window.timezone, t, s.durationMs);
  return start === undefined ? undefined : { start: new Date(start), end: new Date(start + s.durationMs) };
}

export const isOpen = (window: MaintenanceWindow, now: Date): boolean => currentOpening(window, now) !== undefined;

/** The first opening that starts strictly after `now` (undefined: a one-off window that began already, or a cron date that never comes). */
export function nextOpening(window: MaintenanceWindow, now: Date): Opening | undefined {
  const t = now.getTime();
  const s = window.schedule;
  if (s.kind === 'once') return s.start > t ? { start: new Date(s.start), end: new Date(s.end) } : undefined;
  const start = firstStartAfter(s.spec, window.timezone, t);
  return start === undefined ? undefined : { start: new Date(start), end: new Date(start + s.durationMs) };
}

// A cycle asks for every device at the same `now`: remember each window's answer for the last instant.
const lastAnswer = new WeakMap<MaintenanceWindow, { at: number; open: boolean }>();

function openAt(window: MaintenanceWindow, now: Date): boolean {
  const memo = lastAnswer.get(window);
  if (memo?.at === now.getTime()) return memo.open;
  const open = isOpen(window, now);
  lastAnswer.set(window, { at: now.getTime(), open });
  return open;
}

/** The windows open at `now` whose scope includes `device`, in config order. */
export function openWindowsFor(device: DeviceRef, windows: readonly MaintenanceWindow[], now: Date): MaintenanceWindow[] {
  return windows.filter((w) => inScope(device, w.scope) && openAt(w, now));
}
