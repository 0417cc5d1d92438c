/**
 * The fields every channel shares: its outbox name, which alerts reach it, and whether it also
 * gets notices (authorized changes and other informational events that need no action).
 */
import { z } from 'zod';

// `normal` is the pre-0.2 word for warning.
const severity = z.enum(['info', 'warning', 'critical', 'normal']).transform((s) => (s === 'normal' ? 'warning' : s));

export const channelFilterFields = {
  name: z.string().optional(),
  min_severity: severity.optional(),
  groups: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  /** Also send notices (authorized changes, expired expectations...). Off: a channel hears only what needs a person. */
  notices: z.boolean().default(false),
};

/** A URL a channel may POST to: http or https only (no file:, javascript:, ftp:...). */
export const httpUrl = (what: string) =>
  z.url().refine((s) => /^https?:$/i.test(new URL(s).protocol), { message: `${what} must be an http:// or https:// URL` });
