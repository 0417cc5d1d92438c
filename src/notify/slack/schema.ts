/** The Slack channel's settings. Secret field: webhook_url (its path is the credential). */
import { z } from 'zod';
import { channelFilterFields, httpUrl } from '../channel-filters.js';

export const slackChannelSchema = z.strictObject({
  type: z.literal('slack'),
  ...channelFilterFields,
  webhook_url: httpUrl('webhook_url'),
});

export const slackSecretFields = ['webhook_url'] as const;

export type SlackChannelConfig = z.infer<typeof slackChannelSchema>;
