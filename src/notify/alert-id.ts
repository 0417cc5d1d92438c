/**
 * Alert ids are derived from what the alert is about (kind, device, commits, rules...), never
 * random: the id is the receivers' idempotency key, so a re-send after a crash, or the same
 * event decided twice, carries the same id.
 */
import { createHash } from 'node:crypto';
import type { AlertKind } from './types.js';

/** 32 hex digits from the event's identity. */
export function alertId(kind: AlertKind, device: string, ...key: ReadonlyArray<string | number | undefined>): string {
  return createHash('sha256').update([kind, device, ...key.map((k) => String(k ?? ''))].join('\0')).digest('hex').slice(0, 32);
}
