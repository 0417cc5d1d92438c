/**
 * The shape of devices.yaml, with defaults. Parsing happens once, at the boundary (config/load.ts);
 * everything after it works on the typed `Config`.
 */
import { z } from 'zod';

/** Names and groups become file and ref names: nothing that can climb out of the store or start an option. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const safeName = (what: string) =>
  z
    .string()
    .regex(SAFE_NAME, `${what} must match [A-Za-z0-9][A-Za-z0-9._-]* (letters, digits, '.', '_', '-')`)
    .refine((s) => !s.includes('..') && !s.endsWith('.lock') && !s.endsWith('.'), {
      message: `${what} must not contain '..' or end with '.' or '.lock' (git ref rules)`,
    });

const duration = z.number().positive();

export const credentialSetSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().optional(),
  enable_password: z.string().optional(),
  private_key_file: z.string().optional(),
  passphrase: z.string().optional(),
});

export const timeoutsSchema = z.strictObject({
  /** TCP connect + SSH handshake, seconds. */
  connect: duration.default(10),
  /** Authentication, seconds. */
  auth: duration.default(10),
  /** Silence allowed while a command is producing output (idle, not total), seconds. */
  command: duration.default(30),
  /** Whole pull of one device, seconds. */
  pull: duration.default(180),
});

const deviceFields = {
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  platform: z.string().min(1).optional(),
  credentials: z.string().min(1).optional(),
  group: safeName('group').optional(),
  tags: z.array(z.string().min(1)).optional(),
  /** Regexes: lines whose change alone is not drift (added to the driver's own). */
  ignore: z.array(z.string()).optional(),
  /** Name of an entry under jump_hosts: reach the device through that SSH bastion. */
  jump: z.string().min(1).optional(),
  /** linux platform: files to collect (absolute paths). */
  files: z.array(z.string()).optional(),
  /** linux platform: extra commands whose output is collected. */
  commands: z.array(z.string()).optional(),
};

export const deviceSchema = z.strictObject({ name: safeName('device name'), ...deviceFields });
export const jumpHostSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  credentials: z.string().min(1),
});
export const defaultsSchema = z.strictObject(deviceFields);

// `normal` is the pre-0.2 word for warning.
const severity = z.enum(['info', 'warning', 'critical', 'normal']).transform((s) => (s === 'normal' ? 'warning' : s));
const channelFilters = {
  name: z.string().optional(),
  min_severity: severity.optional(),
  groups: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
};

export const emailChannelSchema = z.strictObject({
  type: z.literal('email'),
  ...channelFilters,
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

export const slackChannelSchema = z.strictObject({
  type: z.literal('slack'),
  ...channelFilters,
  webhook_url: z.url(),
});

export const webhookChannelSchema = z.strictObject({
  type: z.literal('webhook'),
  ...channelFilters,
  url: z.url(),
  secret: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const channelSchema = z.discriminatedUnion('type', [emailChannelSchema, slackChannelSchema, webhookChannelSchema]);

export const configSchema = z.strictObject({
  store: z.string().min(1).default('./store'),
  state: z.string().min(1).default('./driftwatch.db'),
  schedule: z.string().min(1).default('*/15 * * * *'),
  // Per-group cron overrides, e.g. { core: '*/5 * * * *' }.
  group_schedules: z.record(z.string(), z.string()).default({}),
  run_at_start: z.boolean().default(true),
  /** UDP syslog listener: a config-change message from a device's address pulls it at once. */
  syslog: z
    .strictObject({
      listen: z.string().min(1),
      /** Wait this long after a message (more usually follow) before pulling. */
      debounce_seconds: z.number().min(0).default(5),
    })
    .optional(),
  concurrency: z.number().int().min(1).max(5000).default(50),
  /** `i/n`: this instance watches only the devices whose name hashes to i of n (several hosts, one fleet). */
  shard: z
    .string()
    .regex(/^\d+\/\d+$/, 'shard must look like i/n, e.g. 0/4')
    .refine((s) => {
      const [i, n] = s.split('/').map(Number);
      return n! >= 1 && i! < n!;
    }, 'shard i/n needs 0 <= i < n')
    .optional(),
  timeouts: timeoutsSchema.default(() => timeoutsSchema.parse({})),
  /**
   * Secrets before anything is stored or sent: `fingerprint` (keyed `<secret:xxxxxxxxxx>`, a changed
   * secret is drift), `constant` (`<masked>`), `false` (clear text). `true` means `fingerprint`.
   */
  mask_secrets: z
    .union([z.enum(['fingerprint', 'constant']), z.boolean()])
    .default('fingerprint')
    .transform((v): 'fingerprint' | 'constant' | false => (v === true ? 'fingerprint' : v)),
  /** The fingerprint key (32 bytes, 0600); default `fingerprint.key` beside the state file. */
  fingerprint_key_file: z.string().min(1).optional(),
  /** Consecutive failed pulls before a device-failing alert. */
  failure_alert_after: z.number().int().min(1).default(3),
  /** Days of pull history and delivered alerts the state file keeps (the store keeps all history). */
  retention_days: z.number().int().min(1).default(90),
  /** Hours after which facts commands (`show version`...) run again; other pulls skip them. */
  facts_refresh_hours: z.number().min(0).default(24),
  ignore: z.array(z.string()).default([]),
  group_ignore: z.record(z.string(), z.array(z.string())).default({}),
  credentials: z.record(z.string(), credentialSetSchema).default({}),
  /** SSH bastions devices can be reached through (`jump: <name>` on a device or in defaults). */
  jump_hosts: z.record(safeName('jump host name'), jumpHostSchema).default({}),
  defaults: defaultsSchema.default({}),
  devices: z.array(deviceSchema).default([]),
  alerts: z.array(channelSchema).default([]),
});

export type RawConfig = z.infer<typeof configSchema>;
export type CredentialSet = z.infer<typeof credentialSetSchema>;
export type Timeouts = z.infer<typeof timeoutsSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type EmailChannelConfig = z.infer<typeof emailChannelSchema>;
export type SlackChannelConfig = z.infer<typeof slackChannelSchema>;
export type WebhookChannelConfig = z.infer<typeof webhookChannelSchema>;

/** A device after defaults were applied and its platform and credentials resolved. */
export interface Device {
  name: string;
  host: string;
  port: number;
  /** Canonical platform id (aliases resolved). */
  platform: string;
  group?: string;
  tags: string[];
  credentials: CredentialSet;
  /** Name of the credential set (for messages; never the secret values). */
  credentialsName: string;
  ignore: string[];
  /** The bastion this device is reached through, credentials resolved. */
  jump?: { name: string; host: string; port: number; credentials: CredentialSet; credentialsName: string };
  files?: string[];
  commands?: string[];
}

export interface Config extends Omit<RawConfig, 'devices' | 'credentials'> {
  /** Absolute path of the config file; `store` and `state` are resolved against its folder. */
  file: string;
  devices: Device[];
}
