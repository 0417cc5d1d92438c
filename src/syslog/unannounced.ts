/**
 * Unannounced changes (issue 9, point 6), the pure decision: a device that announces its config
 * changes by syslog (it has done so before, or is marked `announces_changes: true`) and whose
 * config changed with no config-change message since its last pull is suspicious: the intruder who
 * turns logging off first looks exactly like this. `announces_changes: false` says the device is
 * known not to send, and turns the check off for it.
 */

export const UNANNOUNCED_NOTE = 'not announced by syslog: logging may be disabled or tampered with';

export interface UnannouncedInput {
  device: { announces_changes?: boolean };
  /** EventsRepo.hasAnnounced(device). */
  announcedBefore: boolean;
  /** Config-change events received in eventWindow(...) (EventsRepo.countBetween). */
  eventsSinceLastPull: number;
  /** This pull found a changed config (drift new or updated). */
  configChanged: boolean;
}

export type UnannouncedVerdict = { unannounced: false } | { unannounced: true; note: string; severity: 'critical' };

export function unannouncedChange(i: UnannouncedInput): UnannouncedVerdict {
  if (!i.configChanged || i.eventsSinceLastPull > 0) return { unannounced: false };
  const announces = i.device.announces_changes ?? i.announcedBefore;
  return announces ? { unannounced: true, note: UNANNOUNCED_NOTE, severity: 'critical' } : { unannounced: false };
}

/**
 * Which events count as "since the last pull": from a little before the previous pull started (a
 * change made while it ran may have been read by it or not; its message then counts for this one)
 * to now. `slackMs` defaults to 60 s.
 */
export function eventWindow(previousPullAt: Date | undefined, now: Date, slackMs = 60_000): { from: Date; to: Date } {
  return { from: new Date((previousPullAt?.getTime() ?? 0) - slackMs), to: now };
}

/** The events a check needs (EventsRepo satisfies it). */
export interface AnnouncementLog {
  hasAnnounced(device: string): boolean;
  countBetween(device: string, from: Date, to: Date): number;
}

/** The decision with its inputs read from the events: call it for a device whose config changed. */
export function checkUnannounced(
  events: AnnouncementLog,
  device: { name: string; announces_changes?: boolean },
  previousPullAt: Date | undefined,
  now: Date,
  configChanged = true,
): UnannouncedVerdict {
  const { from, to } = eventWindow(previousPullAt, now);
  return unannouncedChange({
    device,
    announcedBefore: events.hasAnnounced(device.name),
    eventsSinceLastPull: configChanged ? events.countBetween(device.name, from, to) : 0,
    configChanged,
  });
}
