/**
 * The generic webhook's settings. Secret fields: url (receivers often put a token in it), secret
 * (the HMAC key), headers (values, e.g. `Authorization: Bearer ${TOKEN}`).
 */
import { z } from 'zod';
import { channelFilterFields, httpUrl } from '../channel-filters.js';

export const webhookChannelSchema = z.strictObject({
  type: z.literal('webhook'),
  ...channelFilterFields,
  url: httpUrl('url'),
  secret: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const webhookSecretFields = ['url', 'secret', 'headers'] as const;

export type WebhookChannelConfig = z.infer<typeof webhookChannelSchema>;
