/**
 * Slack sending: POST the payload to the incoming-webhook URL. The URL is a secret (its path is
 * the credential): errors show its host only.
 */
import type { SlackChannelConfig } from './schema.js';
import { postJson } from '../http.js';
import type { Alert } from '../types.js';
import { renderSlack } from './render.js';

export async function sendSlack(channel: SlackChannelConfig, alert: Alert): Promise<void> {
  await postJson('slack webhook', channel.webhook_url, JSON.stringify(renderSlack(alert, channel)), {
    'content-type': 'application/json; charset=utf-8',
  });
}
