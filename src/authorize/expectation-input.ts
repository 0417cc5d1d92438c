/**
 * A request to register an expected change (from the CLI or the HTTP API), checked and turned into
 * a new expectation. Pure: the inventory and the clock are passed in. Every problem is reported
 * at once, in words an operator can act on.
 */
import { parseDuration, parseIsoInstant } from './duration.js';
import { patternError } from './coverage.js';
import type { ExpectationTarget, NewExpectation } from './expectation.js';
import type { DeviceRef } from './scope.js';
import { checkTicket, MAX_BY, MAX_NOTE, oneLine } from './text.js';

export interface ExpectationRequest {
  devices?: readonly string[];
  group?: string;
  tag?: string;
  ticket: string;
  /** ISO 8601 time with offset, or a duration from now (`4h`, `1h30m`, `2d`). */
  until: string;
  lines?: readonly string[];
  note?: string;
  by?: string;
}

/** Bad input to an expectation use case (exit 2 on the CLI, 400 on the API). */
export class ExpectationInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ExpectationInputError';
  }
}

/** An expectation must end: one that runs for months is a standing hole in detection. */
export const MAX_EXPECTATION_MS = 90 * 86_400_000;
const MAX_PATTERNS = 50;
const MAX_PATTERN_LENGTH = 500;

function target(req: ExpectationRequest, inventory: readonly DeviceRef[], problems: string[]): ExpectationTarget | undefined {
  const devices = [...new Set(req.devices ?? [])];
  const given = [devices.length > 0, req.group !== undefined, req.tag !== undefined].filter(Boolean).length;
  if (given !== 1) {
    problems.push('name the devices, or one --group, or one --tag (exactly one of them)');
    return undefined;
  }
  if (devices.length) {
    const known = new Set(inventory.map((d) => d.name));
    const unknown = devices.filter((d) => !known.has(d));
    if (unknown.length) problems.push(`unknown device(s): ${unknown.map((d) => oneLine(d, 80)).join(', ')} (not in the inventory)`);
    return { kind: 'devices', devices };
  }
  if (req.group !== undefined) {
    if (!inventory.some((d) => d.group === req.group)) problems.push(`unknown group "${oneLine(req.group, 80)}" (no device in the inventory has it)`);
    return { kind: 'group', group: req.group };
  }
  if (!inventory.some((d) => d.tags.includes(req.tag!))) problems.push(`unknown tag "${oneLine(req.tag!, 80)}" (no device in the inventory has it)`);
  return { kind: 'tag', tag: req.tag! };
}

function until(text: string, now: Date, problems: string[]): Date | undefined {
  const duration = parseDuration(text);
  const at = duration !== undefined ? new Date(now.getTime() + duration) : parseIsoInstant(text);
  if (!at) {
    problems.push(`--until "${oneLine(text, 80)}" is neither an ISO 8601 time with offset (2026-03-29T06:00:00+02:00) nor a duration (4h, 1h30m, 2d)`);
    return undefined;
  }
  if (at.getTime() <= now.getTime()) problems.push(`--until ${at.toISOString()} is not in the future`);
  else if (at.getTime() - now.getTime() > MAX_EXPECTATION_MS) problems.push(`--until ${at.toISOString()} is more than 90 days away`);
  return at;
}

function patterns(lines: readonly string[], problems: string[]): string[] {
  if (lines.length > MAX_PATTERNS) problems.push(`at most ${MAX_PATTERNS} --lines patterns`);
  for (const p of lines) {
    if (!p) problems.push('--lines: an empty pattern would match every line (omit --lines to cover the whole change)');
    else if (p.length > MAX_PATTERN_LENGTH) problems.push(`--lines: pattern longer than ${MAX_PATTERN_LENGTH} characters`);
    else {
      const error = patternError(p);
      if (error) problems.push(`--lines: invalid regular expression /${oneLine(p, 80)}/: ${error}`);
    }
  }
  return [...lines];
}

/** Check a request; throws ExpectationInputError listing every problem. */
export function parseExpectationRequest(req: ExpectationRequest, inventory: readonly DeviceRef[], now: Date): NewExpectation {
  const problems: string[] = [];
  const t = target(req, inventory, problems);
  const ticket = checkTicket(req.ticket ?? '');
  if ('error' in ticket) problems.push(ticket.error);
  const end = until(req.until ?? '', now, problems);
  const lines = patterns(req.lines ?? [], problems);
  if (problems.length || !t || !end || !('ticket' in ticket)) throw new ExpectationInputError(problems);
  const note = oneLine(req.note ?? '', MAX_NOTE);
  return { target: t, ticket: ticket.ticket, lines, note: note || null, by: oneLine(req.by ?? '', MAX_BY) || 'unknown', createdAt: now, until: end };
}
