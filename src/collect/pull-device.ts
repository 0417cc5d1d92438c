/**
 * One pull: one SSH session to one device, giving a masked snapshot or a classified failure.
 * Never throws: the pool keeps going whatever one device does.
 */
import { PullError, asPullError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import type { Config, Device } from '../config/schema.js';
import type { AttributionSpec, ChangeAttribution, Driver, Facts, ParsedConfig } from '../drivers/types.js';
import { mergeDeviceAttribution } from '../drivers/common/attribution.js';
import type { FollowUp } from '../transport/types.js';
import { storableText } from './storable-text.js';
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
  /**
   * True when `text` (masked, as it would be stored) equals the device's stored snapshot: the
   * attribution command is then skipped (nothing changed, nobody to name). Absent or false: it runs.
   */
  isUnchanged?(device: Device, text: string): boolean;
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
    const maskConfig = (config: string) => {
      if (cfg.mask_secrets === false) return config;
      const mask = cfg.mask_secrets === 'fingerprint' ? (deps.secretMask ?? ((d: Device) => secretMaskFor(cfg, d)))(device) : undefined;
      return driver.maskSecrets(config, mask);
    };
    // The follow-up parses the config to decide; the result is reused, not parsed twice.
    let early: { parsed: ParsedConfig; config: string } | undefined;
    const followUp: FollowUp | undefined = driver.attribution?.command
      ? (outputs) => {
          try {
            const parsed = driver.parse(outputs);
            early = { parsed, config: maskConfig(parsed.config) };
            return attributionCommands(driver.attribution!, outputs, parsed, () => deps.isUnchanged?.(device, storableText(early!.config)) ?? false);
          } catch {
            // The main path parses again and reports what is wrong with the output.
            return [];
          }
        }
      : undefined;
    const { outputs, handshake } = await collectSession(
      deviceSessionOptions(device, cfg, deps, signal),
      driver.session,
      commands,
      followUp,
    );
    if (device.legacy_algorithms) warnLegacy(log, device, handshake);
    const parsed = early?.parsed ?? driver.parse(outputs);
    const config = early?.config ?? maskConfig(parsed.config);
    // Facts are small slices of the raw session output; V8 keeps a slice's whole parent string alive,
    // so copy them out or every device's full output stays in memory until the cycle ends.
    const facts = withFacts ? (JSON.parse(JSON.stringify(parsed.facts)) as Facts) : undefined;
    const attributed = deviceAttribution(driver, outputs, parsed, maskConfig);
    const changedBy = attributed && (JSON.parse(JSON.stringify(attributed)) as ChangeAttribution);
    return done({ ok: true as const, config, facts, changedBy, handshake });
  } catch (err) {
    const error = asPullError(err);
    if (deadline.aborted && error.kind === 'timeout') error.message = `${device.host}:${device.port}: pull not finished within ${cfg.timeouts.pull}s`;
    // A bug, not the device: one line at error level, with the stack, so it gets fixed.
    if (error.kind === 'internal') log.error({ device: device.name, stack: error.stack }, `bug: ${error.message}`);
    return done({ ok: false as const, error });
  }
}

/**
 * The attribution command (and its setup) to send now, or none: not when the config header
 * already names the user (unless the command adds more, IOS archive), not when the config is
 * the stored one (`unchanged` is asked last: it hashes the whole text).
 */
function attributionCommands(spec: AttributionSpec, outputs: Readonly<Record<string, string>>, parsed: ParsedConfig, unchanged: () => boolean): string[] {
  if (!spec.command) return [];
  if (spec.from === 'config' && !spec.alwaysRunCommand && (spec.fromConfig?.(outputs) ?? parsed.changedBy)?.user) return [];
  if (unchanged()) return [];
  return [...(spec.commandSetup ?? []), spec.command];
}

/**
 * What the device says about the last change: the config header, completed by the attribution
 * command's output when it ran. A command that failed or printed nothing usable adds nothing.
 * Typed commands are masked like config lines (an archive without `hidekeys` logs secrets).
 */
function deviceAttribution(driver: Driver, outputs: Readonly<Record<string, string>>, parsed: ParsedConfig, mask: (text: string) => string): ChangeAttribution | undefined {
  const spec = driver.attribution;
  const header = spec?.fromConfig?.(outputs) ?? parsed.changedBy;
  let fromCommand: ChangeAttribution | undefined;
  const raw = spec?.command ? outputs[spec.command] : undefined;
  if (raw !== undefined && spec?.parse) {
    try {
      fromCommand = spec.parse(raw);
    } catch {
      fromCommand = undefined;
    }
  }
  const merged = mergeDeviceAttribution(header, fromCommand);
  if (!merged?.commands?.length) return merged;
  return { ...merged, commands: merged.commands.map((c) => mask(c + '\n').replace(/\n+$/, '')) };
}

/** At every pull of a device allowed legacy algorithms: which ones it really used (none: drop the flag). */
function warnLegacy(log: Pick<Logger, 'warn'>, device: Device, h: Handshake): void {
  const used = legacyInUse(h);
  const what = used.length ? `negotiated legacy ${used.join(', ')}` : 'negotiated only modern algorithms: legacy_algorithms can be removed';
  log.warn({ device: device.name, kex: h.kex, hostKey: h.hostKey, cipher: h.cipher, mac: h.mac }, `legacy_algorithms is on for ${device.name}: ${what}`);
}
