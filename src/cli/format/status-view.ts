/**
 * `driftwatch status` for people: filters, one table row per device, a summary line, and the
 * exit code a health check reads. Pure: data and a clock in, lines out.
 */
import type { DeviceStatus } from '../../app/use-cases/status.js';
import { EXIT } from '../../core/exit-codes.js';
import { ago } from './age.js';
import { padVisible, severity, type Paint } from './colour.js';
import { safeLine } from './sanitize.js';

export interface StatusFilter {
  failed?: boolean;
  drift?: boolean;
  group?: string;
}

export const isFailing = (s: DeviceStatus) => s.result === 'failed' || s.result === 'unstored';

/** `--failed` and `--drift` together keep a device that is either; `--group` narrows both. */
export function filterStatuses(all: readonly DeviceStatus[], f: StatusFilter): DeviceStatus[] {
  return all.filter((s) => {
    if (f.group !== undefined && s.group !== f.group) return false;
    if (!f.failed && !f.drift) return true;
    return (f.failed === true && isFailing(s)) || (f.drift === true && s.drift !== null);
  });
}

const HEADER = ['device', 'platform', 'last pull', 'result', 'fails', 'drift'];
const WIDTH = [24, 16, 14, 40, 5];


const RESULT_WIDTH = 40;

/** The error text is cut so one row stays one line; `status --json` has it whole. */
function resultCell(s: DeviceStatus, p: Paint): string {
  if (s.result === null) return p.dim('never pulled');
  if (!isFailing(s)) return p.green(safeLine(s.result));
  const word = s.result === 'failed' ? 'FAILED' : 'NOT STORED';
  const head = `${word} ${safeLine(s.error_kind)}: `;
  const error = safeLine(s.error);
  const room = Math.max(8, RESULT_WIDTH - head.length);
  return `${p.red(word)} ${safeLine(s.error_kind)}: ${error.length > room ? error.slice(0, room - 1) + '…' : error}`;
}

function driftCell(s: DeviceStatus, p: Paint): string {
  if (!s.drift) return '-';
  return `${severity(p, safeLine(s.drift.severity))} ${p.green(`+${s.drift.added}`)} ${p.red(`-${s.drift.removed}`)} #${s.drift.id}`;
}

function row(cells: string[]): string {
  return cells.map((c, i) => (i < WIDTH.length ? padVisible(c, WIDTH[i]!) : c)).join(' ').trimEnd();
}

export function statusTable(rows: readonly DeviceStatus[], now: Date, p: Paint): string[] {
  const out = [p.bold(row(HEADER))];
  for (const s of rows) {
    const fails = s.consecutive_failures ? p.red(String(s.consecutive_failures)) : '0';
    out.push(row([safeLine(s.name), safeLine(s.platform), ago(s.last_pull, now), resultCell(s, p), fails, driftCell(s, p)]));
  }
  return out;
}

/** One line per platform shown: where it says who changed the config (`none`: it does not). */
export function attributionLines(rows: readonly DeviceStatus[], p: Paint): string[] {
  const byPlatform = new Map<string, { source: string; devices: number }>();
  for (const s of rows) {
    const entry = byPlatform.get(s.platform) ?? { source: s.attribution ?? 'none', devices: 0 };
    entry.devices++;
    byPlatform.set(s.platform, entry);
  }
  return [...byPlatform.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([platform, e]) => p.dim(`attribution: ${safeLine(e.source)} (${safeLine(platform)}, ${e.devices} device${e.devices === 1 ? '' : 's'})`));
}

export function statusSummary(rows: readonly DeviceStatus[], p: Paint): string {
  const failing = rows.filter(isFailing).length;
  const drifted = rows.filter((s) => s.drift !== null).length;
  const never = rows.filter((s) => s.result === null).length;
  const ok = rows.filter((s) => s.result !== null && !isFailing(s) && s.drift === null).length;
  const parts = [p.green(`${ok} ok`), failing ? p.red(`${failing} failing`) : '0 failing', drifted ? p.red(`${drifted} drifted`) : '0 drifted', `${never} never pulled`];
  return `${rows.length} device${rows.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** Exit code of `status --exit-code`: 3 drift open beats 1 a device failing (same as `pull`). */
export function statusExitCode(rows: readonly DeviceStatus[]): number {
  if (rows.some((s) => s.drift !== null)) return EXIT.drift;
  if (rows.some(isFailing)) return EXIT.failure;
  return EXIT.ok;
}
