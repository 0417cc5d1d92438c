/**
 * Generic webhook rendering (pure): the alert as JSON with `version: 1`, and headers. With a
 * `secret`: `X-Driftwatch-Timestamp: <unix seconds>` and `X-Driftwatch-Signature: sha256=<hex
 * HMAC-SHA256 of "<timestamp>.<exact body bytes>">`, so a receiver can refuse a replayed or old
 * request (webhook/verify.ts, docs/alerts.md). JSON.stringify escapes hostile text (and U+2028,
 * U+2029, NEL are written as \u escapes: same JSON value, no line break for line-based tools);
 * header values are reduced to printable ASCII.
 */
import { createHmac } from 'node:crypto';
import { headerValue } from '../escape.js';
import type { Alert } from '../types.js';
import type { WebhookChannelConfig } from './schema.js';

export const WEBHOOK_VERSION = 1;

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/** `sha256=<hex>` over `${timestamp}.${body}`. */
export function signBody(timestamp: number, body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function webhookBody(alert: Alert): string {
  return JSON.stringify({ version: WEBHOOK_VERSION, ...alert }).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `now`: the signing time (the timestamp header), from the injected clock. */
export function renderWebhook(alert: Alert, channel: Pick<WebhookChannelConfig, 'secret' | 'headers'>, now: Date = new Date()): WebhookRequest {
  const body = webhookBody(alert);
  // Configured headers first; ours win, so a config header can never replace the signature.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(channel.headers ?? {})) headers[k.toLowerCase()] = v;
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['user-agent'] = 'driftwatch';
  headers['x-driftwatch-alert-id'] = headerValue(alert.id);
  headers['x-driftwatch-event'] = alert.kind;
  delete headers['x-driftwatch-signature'];
  delete headers['x-driftwatch-timestamp'];
  if (channel.secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    headers['x-driftwatch-timestamp'] = String(timestamp);
    headers['x-driftwatch-signature'] = signBody(timestamp, body, channel.secret);
  }
  return { body, headers };
}
