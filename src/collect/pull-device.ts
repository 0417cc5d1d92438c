/**
 * One pull: one SSH session to one device, giving a masked snapshot or a classified failure.
 * Never throws: the pool keeps going whatever one device does.
 */
import { PullError, asPullError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import type { Config, Device } from '../config/schema.js';
import type { ChangeAttribution, Facts } from '../drivers/types.js';
import { getDriver } from '../drivers/registry.js';
import { legacyInUse } from '../transport/algorithms.js';
import type { Handshake } from '../transport/handshake.js';
import { collectSession } from '../transport/session.js';
import type { SecretMask } from '../drivers/types.js';
import { secretMaskFor } from '../secrets/wiring.js';
import type { HostKeyCheck } from '../transport/host-key.js';
import { deviceSessionOptions } from './session-options.js';

export type PullOutcome =
  /** facts: undefined when this pull skipped the facts commands (the stored facts stay). handshake: what SSH agreed on. */
  | { device: Device; startedAt: Date; durationMs: number; ok: true; config: string; facts?: Facts; changedBy?: ChangeAttribution; handshake: Handshake }
  | { device: Device; startedAt: Date; durationMs: number; ok: false; error: PullError };

export interface PullDeps {
  /** Host-key decision for this device when no stronger source decides (pin on first use). */
  hostKeyCheck(device: Device): HostKeyCheck;
  /** The same for a jump host, by its name under jump_hosts. */
  jumpHostKeyCheck(name: string): HostKeyCheck;
  now(): Date;
  /** Aborts in-flight pulls (daemon shutdown). */
  signal?: AbortSignal;
  /** Whether this pull should also collect facts (first pull, or facts gone stale). */
  wantFacts(device: Device): boolean;
  /** Legacy-algorithm warnings and internal errors (with stack) go here; default: a stderr logger. */
  log?: Pick<Logger, 'warn' | 'error'>;
  /** Keyed fingerprints for this device (src/secrets/wiring.ts); default: loaded from `fingerprint_key_file`. */
  secretMask?(device: Device): SecretMask | undefined;
}

export type PullConfig = Pick<Config, 'timeouts' | 'mask_secrets' | 'state' | 'store' | 'file'> & Partial<Pick<Config, 'limits' | 'host_key_policy' | 'known_hosts' | 'fingerprint_key_file'>>;

let defaultLog: Logger | undefined;
const fallbackLog = () => (defaultLog ??= createLogger());

export async function pullDevice(device: Device, cfg: PullConfig, deps: PullDeps): Promise<PullOutcome> {
  const startedAt = deps.now();
  const started = performance.now();
  const deadline = AbortSignal.timeout(cfg.timeouts.pull * 1000);
  const signal = deps.signal ? AbortSignal.any([deadline, deps.signal]) : deadline;
  const done = <T extends object>(rest: T) => ({ device, startedAt, durationMs: Math.round(performance.now() - started), ...rest });
  const log = deps.log ?? fallbackLog();
  try {
    const driver = getDriver(device.platform);
    const all = driver.commandsFor ? driver.commandsFor(device) : driver.commands;
    const withFacts = !driver.factsCommands?.length || deps.wantFacts(device);
    const commands = withFacts ? all : all.filter((c) => !driver.factsCommands!.includes(c));
    const { outputs, handshake } = await collectSession(
      deviceSessionOptions(device, cfg, deps, signal),
      driver.session,
      commands,
    );
    if (device.legacy_algorithms) warnLegacy(log, device, handshake);
    const parsed = driver.parse(outputs);
    const mask = cfg.mask_secrets === 'fingerprint' ? (deps.secretMask ?? ((d: Device) => secretMaskFor(cfg, d)))(device) : undefined;
    const config = cfg.mask_secrets === false ? parsed.config : driver.maskSecrets(parsed.config, mask);
    // Facts are small slices of the raw session output; V8 keeps a slice's whole parent string alive,
    // so copy them out or every device's full output stays in memory until the cycle ends.
    const facts = withFacts ? (JSON.parse(JSON.stringify(parsed.facts)) as Facts) : undefined;
    const changedBy = parsed.changedBy && (JSON.parse(JSON.stringify(parsed.changedBy)) as ChangeAttribution);
    return done({ ok: true as const, config, facts, changedBy, handshake });
  } catch (err) {
    const error = asPullError(err);
    if (deadline.aborted && error.kind === 'timeout') error.message = `${device.host}:${device.port}: pull not finished within ${cfg.timeouts.pull}s`;
    // A bug, not the device: one line at error level, with the stack, so it gets fixed.
    if (error.kind === 'internal') log.error({ device: device.name, stack: error.stack }, `bug: ${error.message}`);
    return done({ ok: false as const, error });
  }
}

/** At every pull of a device allowed legacy algorithms: which ones it really used (none: drop the flag). */
function warnLegacy(log: Pick<Logger, 'warn'>, device: Device, h: Handshake): void {
  const used = legacyInUse(h);
  const what = used.length ? `negotiated legacy ${used.join(', ')}` : 'negotiated only modern algorithms: legacy_algorithms can be removed';
  log.warn({ device: device.name, kex: h.kex, hostKey: h.hostKey, cipher: h.cipher, mac: h.mac }, `legacy_algorithms is on for ${device.name}: ${what}`);
}
