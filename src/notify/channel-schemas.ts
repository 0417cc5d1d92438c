/**
 * The config's `alerts:` entries, built from the channels' own schemas: the discriminated union
 * config/schema.ts uses, and per type the fields whose `${ENV}` the loader expands (nowhere else:
 * an env reference in any other field is a config error, so the daemon's environment cannot be
 * sent to an arbitrary URL). Adding a channel: its folder with schema.ts, one entry in CHANNEL_DEFS.
 * Imports nothing above notify/ (config imports this, never the reverse).
 */
import { z } from 'zod';
import { emailChannelSchema, emailSecretFields } from './email/schema.js';
import { slackChannelSchema, slackSecretFields } from './slack/schema.js';
import { webhookChannelSchema, webhookSecretFields } from './webhook/schema.js';

export type { EmailChannelConfig } from './email/schema.js';
export type { SlackChannelConfig } from './slack/schema.js';
export type { WebhookChannelConfig } from './webhook/schema.js';

/** The channel registry's schema half: one entry per channel folder. */
export const CHANNEL_DEFS = {
  email: { schema: emailChannelSchema, secretFields: emailSecretFields },
  slack: { schema: slackChannelSchema, secretFields: slackSecretFields },
  webhook: { schema: webhookChannelSchema, secretFields: webhookSecretFields },
} as const;

export type ChannelType = keyof typeof CHANNEL_DEFS;

export const channelConfigSchema = z.discriminatedUnion('type', [CHANNEL_DEFS.email.schema, CHANNEL_DEFS.slack.schema, CHANNEL_DEFS.webhook.schema]);

export type ChannelConfig = z.infer<typeof channelConfigSchema>;
export type ChannelOf<T extends ChannelType> = Extract<ChannelConfig, { type: T }>;

/** Per channel type, the fields whose `${ENV}` references the config loader expands. */
export const channelSecretFields: Record<ChannelType, readonly string[]> = {
  email: CHANNEL_DEFS.email.secretFields,
  slack: CHANNEL_DEFS.slack.secretFields,
  webhook: CHANNEL_DEFS.webhook.secretFields,
};

/**
 * A channel as routing and delivery accept it: `notices` may be absent (a config parsed by a
 * schema from before the field existed), and is then false.
 */
export type RoutableChannel = { [T in ChannelType]: Omit<ChannelOf<T>, 'notices'> & { notices?: boolean } }[ChannelType];

/**
 * Applies `expand` to every secret field of one parsed channel (strings, string lists, and the
 * values of string records such as webhook headers); returns a new object. For the config loader.
 */
export function mapSecretFields<C extends { type: ChannelType }>(channel: C, expand: (value: string, field: string) => string): C {
  const out: Record<string, unknown> = { ...channel };
  for (const field of channelSecretFields[channel.type]) {
    const v = out[field];
    if (typeof v === 'string') out[field] = expand(v, field);
    else if (Array.isArray(v)) out[field] = v.map((s, i) => (typeof s === 'string' ? expand(s, `${field}.${i}`) : s));
    else if (v && typeof v === 'object') {
      out[field] = Object.fromEntries(Object.entries(v).map(([k, s]) => [k, typeof s === 'string' ? expand(s, `${field}.${k}`) : s]));
    }
  }
  return out as C;
}
