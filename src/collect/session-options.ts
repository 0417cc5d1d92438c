/**
 * The SSH session options of one device, shared by pulls and the integrity check: the same
 * credentials, jump host and host-key decision (known_hosts, `host_key`, strict or TOFU), so a
 * second kind of session can never trust a key a pull would refuse.
 */
import { readFileSync } from 'node:fs';
import { PullError } from '../core/errors.js';
import type { Config, Device } from '../config/schema.js';
import type { HostKeyCheck } from '../transport/host-key.js';
import type { SessionOptions, SshTarget, SshTimeouts } from '../transport/types.js';
import { trustSettings, withTrustSources } from './host-key-policy.js';

export function target(device: Pick<Device, 'host' | 'port' | 'credentials' | 'credentialsName'>): SshTarget {
  const c = device.credentials;
  let privateKey: Buffer | undefined;
  if (c.private_key_file) {
    try {
      privateKey = readFileSync(c.private_key_file);
    } catch (err) {
      // Name the file (not secret); never the key or passphrase.
      throw new PullError('auth', `cannot read private_key_file of credentials "${device.credentialsName}": ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
  }
  return {
    host: device.host,
    port: device.port,
    username: c.username,
    password: c.password,
    privateKey,
    passphrase: c.passphrase,
    enablePassword: c.enable_password,
  };
}

export interface HostKeyChecks {
  /** Host-key decision for this device when no stronger source decides (pin on first use). */
  hostKeyCheck(device: Device): HostKeyCheck;
  /** The same for a jump host, by its name under jump_hosts. */
  jumpHostKeyCheck(name: string): HostKeyCheck;
}

export type SessionConfig = Pick<Config, 'timeouts' | 'file'> & Partial<Pick<Config, 'limits' | 'host_key_policy' | 'known_hosts'>>;

/** `timeouts`: the pull's from the config unless given (a hash command runs longer than a `show`). */
export function deviceSessionOptions(device: Device, cfg: SessionConfig, checks: HostKeyChecks, signal: AbortSignal, timeouts?: SshTimeouts): SessionOptions {
  const jump = device.jump;
  return {
    target: target(device),
    timeouts: timeouts ?? {
      connectMs: cfg.timeouts.connect * 1000,
      authMs: cfg.timeouts.auth * 1000,
      idleMs: cfg.timeouts.command * 1000,
    },
    checkHostKey: withTrustSources(trustSettings(device, cfg), checks.hostKeyCheck(device)),
    jump: jump && {
      name: jump.name,
      target: target(jump),
      checkHostKey: withTrustSources(trustSettings({ host: jump.host, port: jump.port }, cfg), checks.jumpHostKeyCheck(jump.name)),
    },
    legacyAlgorithms: device.legacy_algorithms === true,
    limits: cfg.limits && { maxBytes: cfg.limits.max_config_bytes, maxLineBytes: cfg.limits.max_line_bytes },
    signal,
  };
}
