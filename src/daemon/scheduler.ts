/**
 * Cron schedules to device lists: the global schedule covers every device whose group has no
 * override; each group_schedules entry covers its group.
 */
import { schedule as cronSchedule, type ScheduledTask } from 'node-cron';
import type { Config, Device } from '../config/schema.js';

export interface ScheduleSlot {
  expression: string;
  label: string;
  devices: Device[];
}

export function scheduleSlots(cfg: Config): ScheduleSlot[] {
  const overridden = new Set(Object.keys(cfg.group_schedules));
  const slots: ScheduleSlot[] = [
    { expression: cfg.schedule, label: 'default', devices: cfg.devices.filter((d) => !d.group || !overridden.has(d.group)) },
  ];
  for (const [group, expression] of Object.entries(cfg.group_schedules)) {
    slots.push({ expression, label: `group ${group}`, devices: cfg.devices.filter((d) => d.group === group) });
  }
  return slots.filter((s) => s.devices.length);
}

export function startSchedules(slots: readonly ScheduleSlot[], tick: (slot: ScheduleSlot) => void): ScheduledTask[] {
  return slots.map((slot) => cronSchedule(slot.expression, () => tick(slot), { name: slot.label }));
}

/**
 * `integrity.schedule`: image hash checks on their own cron, never part of a pull cycle (a hash
 * keeps a device's CPU busy for a minute). No task when integrity is not configured.
 */
export function startIntegritySchedule(cfg: Pick<Config, 'integrity'>, tick: () => void): ScheduledTask[] {
  return cfg.integrity ? [cronSchedule(cfg.integrity.schedule, tick, { name: 'integrity' })] : [];
}
