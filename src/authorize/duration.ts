/** Durations as operators write them: `90m`, `4h`, `1h30m`, `2d`. */

const PATTERN = /^(?:(\d{1,4})d)?(?:(\d{1,5})h)?(?:(\d{1,6})m)?$/;

/** Milliseconds of a duration like `1h30m`, or undefined when it is not one (or is zero). */
export function parseDuration(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  const minutes = Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/** `5400000` -> `1h30m` (the inverse of parseDuration, for listings). */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 60_000);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m || !total ? `${m}m` : ''}`;
}

/** ISO 8601 date-time with an explicit offset (`Z` or `+01:00`): a moment, never a local guess. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The instant of an ISO time with offset, or undefined (no offset, or not a real date). */
export function parseIsoInstant(text: string): Date | undefined {
  if (!ISO_WITH_OFFSET.test(text.trim())) return undefined;
  const d = new Date(text.trim());
  if (Number.isNaN(d.getTime())) return undefined;
  // Date() rolls 2026-02-30 over to March; refuse dates that do not exist.
  const [y, mo, da] = text.trim().slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(y!, mo! - 1, da!));
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== da) return undefined;
  return d;
}
