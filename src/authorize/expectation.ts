/**
 * Expected changes (pure part): what an expectation is, when it is active, which devices it
 * applies to, and which tickets were active when a device was pulled (`Change-Ticket:` trailers).
 */
import { inScope, type DeviceRef, type Scope } from './scope.js';
import { oneLine } from './text.js';

export type ExpectationTarget = { kind: 'devices'; devices: string[] } | { kind: 'group'; group: string } | { kind: 'tag'; tag: string };

export interface Expectation {
  id: number;
  target: ExpectationTarget;
  ticket: string;
  /** Regex sources; a changed line is covered if one matches. Empty: the whole diff is covered. */
  lines: string[];
  note: string | null;
  /** Who registered it. */
  by: string;
  createdAt: Date;
  until: Date;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  /** Devices whose drift it authorized so far. */
  usedOn: string[];
  /** When the "expired, no change seen" notice was queued. */
  expiryNotifiedAt: Date | null;
}

/** What a caller supplies; the repository adds the id and the lifecycle fields. */
export type NewExpectation = Omit<Expectation, 'id' | 'cancelledAt' | 'cancelledBy' | 'usedOn' | 'expiryNotifiedAt'>;

export type ExpectationStatus = 'active' | 'expired' | 'cancelled';

export function targetScope(target: ExpectationTarget): Scope {
  if (target.kind === 'devices') return { devices: target.devices, groups: [], tags: [] };
  if (target.kind === 'group') return { devices: [], groups: [target.group], tags: [] };
  return { devices: [], groups: [], tags: [target.tag] };
}

/** `edge-r1, edge-r2` / `group core` / `tag pe`: for listings and notices. */
export function describeTarget(target: ExpectationTarget): string {
  if (target.kind === 'devices') return target.devices.map((d) => oneLine(d, 80)).join(', ');
  return `${target.kind} ${oneLine(target.kind === 'group' ? target.group : target.tag, 80)}`;
}

/** Active from creation until `until`, unless cancelled before. */
export function isActive(e: Expectation, at: Date): boolean {
  const t = at.getTime();
  return e.createdAt.getTime() <= t && t < e.until.getTime() && (e.cancelledAt === null || t < e.cancelledAt.getTime());
}

export function statusOf(e: Expectation, now: Date): ExpectationStatus {
  if (e.cancelledAt !== null && e.cancelledAt.getTime() <= now.getTime()) return 'cancelled';
  return now.getTime() >= e.until.getTime() ? 'expired' : 'active';
}

/** A target never has an empty scope (createExpectation refuses one), so this never means "every device". */
export function appliesTo(e: Expectation, device: DeviceRef): boolean {
  const scope = targetScope(e.target);
  if (!scope.devices.length && !scope.groups.length && !scope.tags.length) return false;
  return inScope(device, scope);
}

/** The expectations active at `at` that apply to `device`, oldest first. */
export function activeFor(device: DeviceRef, expectations: readonly Expectation[], at: Date): Expectation[] {
  return expectations.filter((e) => isActive(e, at) && appliesTo(e, device)).sort((a, b) => a.id - b.id);
}

/** Tickets for `Change-Ticket:` trailers of a commit pulled at `pulledAt`: unique, oldest expectation first. */
export function changeTicketsAt(device: DeviceRef, expectations: readonly Expectation[], pulledAt: Date): string[] {
  return [...new Set(activeFor(device, expectations, pulledAt).map((e) => e.ticket))];
}

/** Ended (expired, not cancelled first), never used on any device, notice not yet sent. */
export function isExpiredUnused(e: Expectation, now: Date): boolean {
  const cancelledFirst = e.cancelledAt !== null && e.cancelledAt.getTime() < e.until.getTime();
  return !cancelledFirst && now.getTime() >= e.until.getTime() && e.usedOn.length === 0 && e.expiryNotifiedAt === null;
}
