/**
 * Slack sending: POST the payload to the incoming-webhook URL. The URL is a secret (its path is
 * the credential): errors show its host only.
 */
import { postJson } from '../http.js';
import type { Alert, SendOptions } from '../types.js';
import { renderSlack } from './render.js';
import type { SlackChannelConfig } from './schema.js';

export async function sendSlack(channel: Omit<SlackChannelConfig, 'notices'>, alert: Alert, opts: SendOptions = {}): Promise<void> {
  await postJson('slack webhook', channel.webhook_url, JSON.stringify(renderSlack(alert, channel)), { 'content-type': 'application/json; charset=utf-8' }, opts);
}
