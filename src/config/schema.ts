/**
 * The shape of devices.yaml, with defaults. Parsing happens once, at the boundary (config/load.ts);
 * everything after it works on the typed `Config`.
 */
import { z } from 'zod';
import { parseListenAddress } from '../syslog/listen-address.js';

/** Names and groups become file and ref names: nothing that can climb out of the store or start an option. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Longer names are refused: they become file and ref names, and show in every message and alert. */
export const MAX_NAME_LENGTH = 64;
const safeName = (what: string) =>
  z
    .string()
    .max(MAX_NAME_LENGTH, `${what} must be at most ${MAX_NAME_LENGTH} characters`)
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
  /** The device sends config-change syslog messages (true), or never does (false): decides whether a change without one is suspicious. */
  announces_changes: z.boolean().optional(),
  /** Also offer legacy SSH algorithms (SHA-1 key exchange, ssh-rsa, ssh-dss, CBC, hmac-sha1); warned at every pull. */
  legacy_algorithms: z.boolean().optional(),
  /** Overrides the global host_key_policy for this device. */
  host_key_policy: z.enum(['tofu', 'strict']).optional(),
  /** The device's host key fingerprint as `ssh-keygen -lf` prints it; any other key is refused. */
  host_key: z
    .string()
    .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'host_key must be an OpenSSH SHA256 fingerprint, e.g. SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8')
    .optional(),
};

export const deviceSchema = z.strictObject({ name: safeName('device name'), ...deviceFields });
export const jumpHostSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  credentials: z.string().min(1),
});
export const defaultsSchema = z.strictObject(deviceFields);

// `normal` is the pre-0.2 word for warning.
// Each channel owns its schema and names its secret fields (src/notify/<id>/schema.ts).
import { channelConfigSchema } from '../notify/channel-schemas.js';
export const channelSchema = channelConfigSchema;

/** `syslog:` (src/syslog): where to listen, TLS material, debounce and a per-sender flood limit. */
export const syslogSchema = z
  .strictObject({
    /** One address or a list: `udp://host:port`, `tcp://host:port`, `tls://host:port`; bare `host:port` is UDP. */
    listen: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** For `tls://` listeners (RFC 5425): PEM files; `ca` makes client certificates mandatory. */
    tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1), ca: z.string().min(1).optional() }).optional(),
    /** Quiet time after a device's last config-change message before it is pulled (a burst gives one pull). */
    debounce_seconds: z.number().min(0).max(300).default(2),
    /** Token bucket per sender address: a flood is dropped (and counted) instead of starving scheduled pulls. */
    rate_limit: z
      .strictObject({ messages_per_second: z.number().positive().default(20), burst: z.number().int().min(1).default(200) })
      .default(() => ({ messages_per_second: 20, burst: 200 })),
  })
  .superRefine((s, ctx) => {
    const list = typeof s.listen === 'string' ? [s.listen] : s.listen;
    list.forEach((text, i) => {
      const parsed = parseListenAddress(text);
      const path = typeof s.listen === 'string' ? ['listen'] : ['listen', i];
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path, message: parsed.error });
      else if (parsed.address.transport === 'tls' && !s.tls) ctx.addIssue({ code: 'custom', path, message: `${text}: tls:// needs syslog.tls.cert and syslog.tls.key` });
    });
  });

export const limitsSchema = z.strictObject({
  /** Bytes one pull may receive in all (every command); more fails the pull as too-large. */
  max_config_bytes: z.number().int().min(1024).default(16 * 1024 * 1024),
  /** Longest line, bytes. */
  max_line_bytes: z.number().int().min(256).default(1024 * 1024),
});


export const configSchema = z.strictObject({
  store: z.string().min(1).default('./store'),
  state: z.string().min(1).default('./driftwatch.db'),
  schedule: z.string().min(1).default('*/15 * * * *'),
  // Per-group cron overrides, e.g. { core: '*/5 * * * *' }.
  group_schedules: z.record(z.string(), z.string()).default({}),
  run_at_start: z.boolean().default(true),
  /** Syslog receiver (docs/syslog.md): a config-change message from a device pulls it at once. */
  syslog: syslogSchema.optional(),
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
  /** Output caps per pull (a hostile or broken device cannot exhaust memory). */
  limits: limitsSchema.default(() => limitsSchema.parse({})),
  /** tofu: pin the first key seen; strict: only keys from known_hosts or a device's host_key. */
  host_key_policy: z.enum(['tofu', 'strict']).default('tofu'),
  /** OpenSSH known_hosts file (hashed entries, [host]:port, @revoked); resolved against the config's folder. */
  known_hosts: z.string().min(1).optional(),
  /** Mask passwords, keys and communities before anything is stored or sent. */
  mask_secrets: z.boolean().default(true),
  /** Consecutive failed pulls before a device-failing alert. */
  failure_alert_after: z.number().int().min(1).default(3),
  /** Days of pull history and delivered alerts the state file keeps (the store keeps all history). */
  retention_days: z.number().int().min(1).default(90),
  /** Start even when the state, store or key files are readable or writable by other users. */
  allow_insecure_permissions: z.boolean().default(false),
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
export type Limits = z.infer<typeof limitsSchema>;
export type { ChannelConfig, EmailChannelConfig, SlackChannelConfig, WebhookChannelConfig } from '../notify/channel-schemas.js';

export type { Device } from '../inventory/device.js';
import type { Device } from '../inventory/device.js';

export interface Config extends Omit<RawConfig, 'devices' | 'credentials'> {
  /** Absolute path of the config file; `store` and `state` are resolved against its folder. */
  file: string;
  devices: Device[];
}
