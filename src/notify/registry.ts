/**
 * The explicit list of channel types: a real sender and a pure renderer for each. Adding a
 * channel = one folder under notify/ + one entry in each map (+ the schema in config/schema.ts).
 */
import { renderEmail } from './email/render.js';
import { sendEmail } from './email/send.js';
import { renderSlack } from './slack/render.js';
import { sendSlack } from './slack/send.js';
import { renderWebhook } from './webhook/render.js';
import { sendWebhook } from './webhook/send.js';
import type { ChannelType, Senders } from './types.js';

export const CHANNEL_TYPES: readonly ChannelType[] = ['email', 'slack', 'webhook'];

/** The real senders (network). Tests and dry runs pass their own `Senders` instead. */
export const defaultSenders: Required<Senders> = {
  email: sendEmail,
  slack: sendSlack,
  webhook: sendWebhook,
};

/** The pure renderers, e.g. for `driftwatch alert --dry-run` previews. */
export const renderers = {
  email: renderEmail,
  slack: renderSlack,
  webhook: renderWebhook,
} as const;
