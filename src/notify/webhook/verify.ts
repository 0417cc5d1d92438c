/**
 * The receiver's side of the webhook signature, as docs/alerts.md describes it (and the test
 * uses it against real requests): recompute the HMAC over `<timestamp>.<raw body>`, compare in
 * constant time, and refuse timestamps outside the replay window. A receiver that also stores
 * the ids it has seen (`X-Driftwatch-Alert-Id`) for the window's length refuses exact replays too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_REPLAY_WINDOW_S = 300;

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'bad-signature' | 'too-old' | 'in-the-future' };

export function verifyWebhook(
  input: { body: string; timestamp: string | undefined; signature: string | undefined; secret: string; now: Date },
  windowSeconds = DEFAULT_REPLAY_WINDOW_S,
): VerifyResult {
  const { body, timestamp, signature, secret, now } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex'));
  const got = Buffer.from(signature);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return { ok: false, reason: 'bad-signature' };
  const age = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (age > windowSeconds) return { ok: false, reason: 'too-old' };
  if (age < -windowSeconds) return { ok: false, reason: 'in-the-future' };
  return { ok: true };
}
