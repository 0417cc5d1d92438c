/**
 * Generic webhook rendering (pure): the alert as JSON with `version: 1`, and headers. With a
 * `secret`, `X-Driftwatch-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>`.
 * JSON.stringify escapes hostile text; header values are reduced to printable ASCII.
 */
import { createHmac } from 'node:crypto';
import type { WebhookChannelConfig } from './schema.js';
import { headerValue } from '../escape.js';
import type { Alert } from '../types.js';

export const WEBHOOK_VERSION = 1;

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export function signBody(body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

export function renderWebhook(alert: Alert, channel: Pick<WebhookChannelConfig, 'secret' | 'headers'>): WebhookRequest {
  const body = JSON.stringify({ version: WEBHOOK_VERSION, ...alert });
  // Configured headers first; ours win, so a config header can never replace the signature.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(channel.headers ?? {})) headers[k.toLowerCase()] = v;
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['user-agent'] = 'driftwatch';
  headers['x-driftwatch-alert-id'] = headerValue(alert.id);
  headers['x-driftwatch-event'] = alert.kind;
  delete headers['x-driftwatch-signature'];
  if (channel.secret) headers['x-driftwatch-signature'] = signBody(body, channel.secret);
  return { body, headers };
}
