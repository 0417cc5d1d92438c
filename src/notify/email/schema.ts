/** The email channel's settings. Secret fields (`${ENV}` expanded by the config loader): user, password. */
import { z } from 'zod';
import { channelFilterFields } from '../channel-filters.js';

export const emailChannelSchema = z.strictObject({
  type: z.literal('email'),
  ...channelFilterFields,
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(25),
  secure: z.boolean().default(false),
  /** Refuse to send without STARTTLS. Default: on whenever a password would be sent. */
  require_tls: z.boolean().optional(),
  user: z.string().optional(),
  password: z.string().optional(),
  from: z.string().min(3),
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]),
});

export const emailSecretFields = ['user', 'password'] as const;

export type EmailChannelConfig = z.infer<typeof emailChannelSchema>;
