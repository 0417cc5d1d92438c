/**
 * The explicit list of channel types: schema (channel-schemas.ts), a real sender and a pure
 * renderer for each. Adding a channel = one folder under notify/ (schema.ts, render.ts, send.ts)
 * + one entry in CHANNEL_DEFS and in each map below.
 */
import { CHANNEL_DEFS, type ChannelType } from './channel-schemas.js';
import { renderEmail } from './email/render.js';
import { sendEmail } from './email/send.js';
import { renderSlack } from './slack/render.js';
import { sendSlack } from './slack/send.js';
import { renderWebhook } from './webhook/render.js';
import { sendWebhook } from './webhook/send.js';
import type { Senders } from './types.js';

export const CHANNEL_TYPES = Object.keys(CHANNEL_DEFS) as ChannelType[];

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
