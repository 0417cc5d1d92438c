/**
 * One pull: one SSH session to one device, giving a masked snapshot or a classified failure.
 * Never throws: the pool keeps going whatever one device does.
 */
import { readFileSync } from 'node:fs';
import { PullError, asPullError } from '../core/errors.js';
import type { Config, Device } from '../config/schema.js';
import type { ChangeAttribution, Facts } from '../drivers/types.js';
import { getDriver } from '../drivers/registry.js';
import type { SecretMask } from '../drivers/types.js';
import { secretMaskFor } from '../secrets/wiring.js';
import { collectOutputs } from '../transport/session.js';
import type { HostKeyCheck } from '../transport/host-key.js';
import type { SshTarget } from '../transport/types.js';

export type PullOutcome =
  /** facts: undefined when this pull skipped the facts commands (the stored facts stay). */
  | { device: Device; startedAt: Date; durationMs: number; ok: true; config: string; facts?: Facts; changedBy?: ChangeAttribution }
  | { device: Device; startedAt: Date; durationMs: number; ok: false; error: PullError };

export interface PullDeps {
  /** Host-key decision for this device (pin on first use, refuse a changed key). */
  hostKeyCheck(device: Device): HostKeyCheck;
  /** The same for a jump host, by its name under jump_hosts. */
  jumpHostKeyCheck(name: string): HostKeyCheck;
  now(): Date;
  /** Aborts in-flight pulls (daemon shutdown). */
  signal?: AbortSignal;
  /** Whether this pull should also collect facts (first pull, or facts gone stale). */
  wantFacts(device: Device): boolean;
  /** Keyed fingerprints for this device (src/secrets/wiring.ts); default: loaded from `fingerprint_key_file`. */
  secretMask?(device: Device): SecretMask | undefined;
}

function target(device: Pick<Device, 'host' | 'port' | 'credentials' | 'credentialsName'>): SshTarget {
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

export async function pullDevice(device: Device, cfg: Pick<Config, 'timeouts' | 'mask_secrets' | 'file' | 'state' | 'store' | 'fingerprint_key_file'>, deps: PullDeps): Promise<PullOutcome> {
  const startedAt = deps.now();
  const started = performance.now();
  const deadline = AbortSignal.timeout(cfg.timeouts.pull * 1000);
  const signal = deps.signal ? AbortSignal.any([deadline, deps.signal]) : deadline;
  const done = <T extends object>(rest: T) => ({ device, startedAt, durationMs: Math.round(performance.now() - started), ...rest });
  try {
    const driver = getDriver(device.platform);
    const all = driver.commandsFor ? driver.commandsFor(device) : driver.commands;
    const withFacts = !driver.factsCommands?.length || deps.wantFacts(device);
    const commands = withFacts ? all : all.filter((c) => !driver.factsCommands!.includes(c));
    const outputs = await collectOutputs(
      {
        target: target(device),
        timeouts: {
          connectMs: cfg.timeouts.connect * 1000,
          authMs: cfg.timeouts.auth * 1000,
          idleMs: cfg.timeouts.command * 1000,
        },
        checkHostKey: deps.hostKeyCheck(device),
        jump: device.jump && { name: device.jump.name, target: target(device.jump), checkHostKey: deps.jumpHostKeyCheck(device.jump.name) },
        signal,
      },
      driver.session,
      commands,
    );
    const parsed = driver.parse(outputs);
    const mask = cfg.mask_secrets === 'fingerprint' ? (deps.secretMask ?? ((d: Device) => secretMaskFor(cfg, d)))(device) : undefined;
    const config = cfg.mask_secrets === false ? parsed.config : driver.maskSecrets(parsed.config, mask);
    // Facts are small slices of the raw session output; V8 keeps a slice's whole parent string alive,
    // so copy them out or every device's full output stays in memory until the cycle ends.
    const facts = withFacts ? (JSON.parse(JSON.stringify(parsed.facts)) as Facts) : undefined;
    const changedBy = parsed.changedBy && (JSON.parse(JSON.stringify(parsed.changedBy)) as ChangeAttribution);
    return done({ ok: true as const, config, facts, changedBy });
  } catch (err) {
    const error = asPullError(err);
    if (deadline.aborted && error.kind === 'timeout') error.message = `${device.host}:${device.port}: pull not finished within ${cfg.timeouts.pull}s`;
    return done({ ok: false as const, error });
  }
}
