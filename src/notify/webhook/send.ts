/** Generic webhook sending: POST the rendered JSON. Errors show the URL's host only (URLs often carry tokens). */
import type { WebhookChannelConfig } from './schema.js';
import { postJson } from '../http.js';
import type { Alert } from '../types.js';
import { renderWebhook } from './render.js';

export async function sendWebhook(channel: WebhookChannelConfig, alert: Alert): Promise<void> {
  const { body, headers } = renderWebhook(alert, channel);
  await postJson('webhook', channel.url, body, headers);
}
