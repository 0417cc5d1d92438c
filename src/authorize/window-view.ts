/** What `driftwatch windows` shows about each window at a moment (pure; the CLI and the API render it). */
import { formatDuration } from './duration.js';
import { currentOpening, nextOpening, type MaintenanceWindow } from './windows.js';
import { wallTimeAt } from './zoned-time.js';

export interface WindowView {
  name: string;
  open: boolean;
  /** End of the current opening, when open. */
  openUntil: string | null;
  nextOpening: { start: string; end: string } | null;
  schedule: { cron: string; duration: string } | { start: string; end: string };
  timezone: string;
  scope: { devices: readonly string[]; groups: readonly string[]; tags: readonly string[] };
  authorize: MaintenanceWindow['authorize'];
}

export function windowView(w: MaintenanceWindow, now: Date): WindowView {
  const current = currentOpening(w, now);
  const next = nextOpening(w, now);
  const s = w.schedule;
  return {
    name: w.name,
    open: current !== undefined,
    openUntil: current ? current.end.toISOString() : null,
    nextOpening: next ? { start: next.start.toISOString(), end: next.end.toISOString() } : null,
    schedule: s.kind === 'cron' ? { cron: s.expression, duration: formatDuration(s.durationMs) } : { start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() },
    timezone: w.timezone,
    scope: w.scope,
    authorize: w.authorize,
  };
}

/** `2026-03-30 02:00 Europe/Berlin`: an instant as the window's own wall clock shows it. */
export function localTime(isoTime: string, timeZone: string): string {
  const w = wallTimeAt(Date.parse(isoTime), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)} ${timeZone}`;
}

export function describeScope(scope: WindowView['scope']): string {
  const parts = [
    ...scope.devices.map((d) => `device ${d}`),
    ...scope.groups.map((g) => `group ${g}`),
    ...scope.tags.map((t) => `tag ${t}`),
  ];
  return parts.length ? parts.join(', ') : 'all devices';
}

/** One line per window for people. */
export function windowLine(v: WindowView): string {
  const when = 'cron' in v.schedule ? `cron "${v.schedule.cron}" for ${v.schedule.duration}` : `${v.schedule.start} to ${v.schedule.end}`;
  const state = v.open ? `OPEN until ${localTime(v.openUntil!, v.timezone)}` : 'closed';
  const next = v.nextOpening ? `next ${localTime(v.nextOpening.start, v.timezone)} (${v.nextOpening.start})` : 'no next opening';
  return `${v.name}: ${state}; ${next}; ${when} (${v.timezone}); ${describeScope(v.scope)}; authorize ${v.authorize}`;
}
