/** Generic webhook sending: POST the rendered JSON. Errors show the URL's host only (URLs often carry tokens). */
import { postJson } from '../http.js';
import type { Alert, SendOptions } from '../types.js';
import { renderWebhook } from './render.js';
import type { WebhookChannelConfig } from './schema.js';

export async function sendWebhook(channel: Omit<WebhookChannelConfig, 'notices'>, alert: Alert, opts: SendOptions = {}): Promise<void> {
  const { body, headers } = renderWebhook(alert, channel, opts.now?.() ?? new Date());
  await postJson('webhook', channel.url, body, headers, opts);
}
