/**
 * The authorization decision for one device's drift (pure). An active expectation that covers the
 * whole diff wins (it names a ticket); otherwise an open maintenance window of the device does,
 * unless the change is critical and the window only authorizes non-critical changes. An
 * expectation with `--lines` covers only the changed lines one of its patterns matches: if any
 * line is left over, the drift stays unauthorized and the result lists what was not covered.
 */
import type { Severity } from '../core/severity.js';
import { activeFor, type Expectation } from './expectation.js';
import { lineCovered } from './coverage.js';
import { criticalInWindowNote, partlyCoveredNote, ticketNotice, windowNotice } from './notices.js';
import type { DeviceRef } from './scope.js';
import { openWindowsFor, type MaintenanceWindow } from './windows.js';

export interface ChangedLines {
  added: readonly string[];
  removed: readonly string[];
}

export interface DriftToAuthorize {
  device: DeviceRef;
  /** When the drift was first seen (the pull that found it). */
  now: Date;
  severity: Severity;
  changedLines: ChangedLines;
  windows: readonly MaintenanceWindow[];
  expectations: readonly Expectation[];
}

export type Authorization =
  | { authorized: true; via: 'window'; window: string; by: string; notice: string }
  | { authorized: true; via: 'expectation'; expectations: Array<{ id: number; ticket: string }>; tickets: string[]; by: string; notice: string }
  | {
      authorized: false;
      /** Open windows of the device that refused a critical change. */
      refusedBy: string[];
      /** Set when expectations covered part of the diff: what they covered, and the lines left. */
      partly?: { expectations: Array<{ id: number; ticket: string }>; uncovered: { added: string[]; removed: string[] } };
      /** Human notes for the alert ("CHG-1 covers 2 of 5 changed lines ..."); empty when nothing applied. */
      notes: string[];
    };

const ref = (e: Expectation) => ({ id: e.id, ticket: e.ticket });
const ticketsOf = (es: readonly Expectation[]) => [...new Set(es.map((e) => e.ticket))];

function byExpectations(input: DriftToAuthorize, used: readonly Expectation[]): Authorization {
  const tickets = ticketsOf(used);
  const c = { added: input.changedLines.added.length, removed: input.changedLines.removed.length };
  return { authorized: true, via: 'expectation', expectations: used.map(ref), tickets, by: `ticket:${tickets.join(',')}`, notice: ticketNotice(input.device.name, tickets, c) };
}

export function authorizeDrift(input: DriftToAuthorize): Authorization {
  const { device, now, changedLines } = input;
  const active = activeFor(device, input.expectations, now);
  const whole = active.filter((e) => e.lines.length === 0);
  if (whole.length) return byExpectations(input, whole);

  // Line by line: which expectations cover each changed line, and which lines none covers.
  const lined = active.filter((e) => e.lines.length > 0);
  const users = new Set<Expectation>();
  const uncovered = { added: [] as string[], removed: [] as string[] };
  for (const side of ['added', 'removed'] as const) {
    for (const line of changedLines[side]) {
      const covering = lined.filter((e) => lineCovered(line, e.lines));
      covering.forEach((e) => users.add(e));
      if (!covering.length) uncovered[side].push(line);
    }
  }
  const total = changedLines.added.length + changedLines.removed.length;
  const left = uncovered.added.length + uncovered.removed.length;
  const coveringList = lined.filter((e) => users.has(e));
  if (total > 0 && left === 0) return byExpectations(input, coveringList);

  const open = openWindowsFor(device, input.windows, now);
  const window = open.find((w) => w.authorize === 'all') ?? (input.severity === 'critical' ? undefined : open[0]);
  if (window) {
    const c = { added: changedLines.added.length, removed: changedLines.removed.length };
    return { authorized: true, via: 'window', window: window.name, by: `window:${window.name}`, notice: windowNotice(device.name, window.name, c) };
  }

  const refusedBy = open.map((w) => w.name);
  const notes: string[] = [];
  let partly: Extract<Authorization, { authorized: false }>['partly'];
  if (coveringList.length) {
    partly = { expectations: coveringList.map(ref), uncovered };
    notes.push(partlyCoveredNote(ticketsOf(coveringList), total - left, total));
  }
  if (refusedBy.length) notes.push(criticalInWindowNote(refusedBy));
  return { authorized: false, refusedBy, ...(partly ? { partly } : {}), notes };
}
