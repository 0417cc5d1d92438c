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


/**
 * A maintenance window: `cron` + `duration`, or `start` + `end` (ISO 8601 with offset). Changes first
 * seen while it is open, on devices in its scope, are authorized (src/authorize/windows.ts).
 * Semantics (cron, durations, zones, scope names) are checked by src/authorize/window-validate.ts.
 */
export const windowSchema = z.strictObject({
  name: safeName('window name'),
  cron: z.string().min(1).optional(),
  // A bare number is accepted here so validate can say "write 90m" instead of a type error.
  duration: z.union([z.string().min(1), z.number()]).transform(String).optional(),
  start: z.string().min(1).optional(),
  end: z.string().min(1).optional(),
  timezone: z.string().min(1).default('UTC'),
  devices: z.array(z.string().min(1)).default([]),
  groups: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
  authorize: z.enum(['all', 'non-critical']).default('non-critical'),
});

/** A compliance rule waived for a device, a group or a tag, with a reason and an expiry (YYYY-MM-DD, end of day UTC). */
export const waiverSchema = z
  .strictObject({
    rule: z.string().min(1),
    device: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    reason: z.string().min(3),
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expires must be a date YYYY-MM-DD'),
  })
  .refine((w) => [w.device, w.group, w.tag].filter(Boolean).length === 1, { message: 'a waiver names exactly one of device, group, tag' });

export const complianceSchema = z.strictObject({
  /** Folder of the user's own rule packs (*.yaml), in addition to the built-in ones. */
  packs: z.string().min(1).optional(),
  waivers: z.array(waiverSchema).default([]),
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
  /** HTTP API and review page (src/http): off unless configured. */
  http: z
    .strictObject({
      listen: z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, 'http.listen must be host:port, e.g. 127.0.0.1:8080'),
      /** Base URL people reach the page at (alert links), e.g. https://driftwatch.example.net */
      public_url: z.url().optional(),
      tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
      /** /metrics, /healthz and /readyz without a token. */
      metrics_public: z.boolean().default(false),
      /** Web session lifetime, minutes. */
      session_minutes: z.number().int().min(1).max(24 * 60).default(480),
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
  /** Output caps per pull (a hostile or broken device cannot exhaust memory). */
  limits: limitsSchema.default(() => limitsSchema.parse({})),
  /** tofu: pin the first key seen; strict: only keys from known_hosts or a device's host_key. */
  host_key_policy: z.enum(['tofu', 'strict']).default('tofu'),
  /** OpenSSH known_hosts file (hashed entries, [host]:port, @revoked); resolved against the config's folder. */
  known_hosts: z.string().min(1).optional(),
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
  windows: z.array(windowSchema).default([]),
  /** Hardening rules evaluated on every pull (src/compliance). */
  compliance: complianceSchema.default(() => complianceSchema.parse({})),
  /** Optional data file of minimum/recommended versions and end-of-life models. */
  software: z.strictObject({ versions_file: z.string().min(1).optional() }).optional(),
  /** Image hash checks on their own schedule (never on every pull), against a known-good table. */
  integrity: z.strictObject({ schedule: z.string().min(1), known_good: z.string().min(1) }).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
export type CredentialSet = z.infer<typeof credentialSetSchema>;
export type Timeouts = z.infer<typeof timeoutsSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type { ChannelConfig, EmailChannelConfig, SlackChannelConfig, WebhookChannelConfig } from '../notify/channel-schemas.js';
export type WindowConfig = z.infer<typeof windowSchema>;
export type Waiver = z.infer<typeof waiverSchema>;
export type ComplianceConfig = z.infer<typeof complianceSchema>;

export type { Device } from '../inventory/device.js';
import type { Device } from '../inventory/device.js';

export interface Config extends Omit<RawConfig, 'devices' | 'credentials'> {
  /** Absolute path of the config file; `store` and `state` are resolved against its folder. */
  file: string;
  devices: Device[];
}
