/** Devices, configs and deps for transport tests: real sessions to the simulator or sshd, nothing mocked. */
import type { Device } from '../../src/config/schema.js';
import type { PullConfig, PullDeps } from '../../src/collect/pull-device.js';
import type { SimDevice } from '../../src/sim/device.js';

export function simTarget(name: string, sim: SimDevice, extra: Partial<Device> = {}): Device {
  return {
    name,
    host: '127.0.0.1',
    port: sim.port,
    platform: 'cisco_ios',
    tags: [],
    credentials: { username: 'admin', password: 'admin' },
    credentialsName: 'sim',
    ignore: [],
    ...extra,
  };
}

export function sshdTarget(name: string, sshd: { host: string; port: number; username: string }, keyFile: string, extra: Partial<Device> = {}): Device {
  return {
    name,
    host: sshd.host,
    port: sshd.port,
    platform: 'linux',
    tags: [],
    credentials: { username: sshd.username, private_key_file: keyFile },
    credentialsName: 'key',
    ignore: [],
    files: ['/etc/hostname'],
    ...extra,
  };
}

// Constant masks: these tests are about the transport, not fingerprints (no key file needed).
export const CFG: PullConfig = { timeouts: { connect: 5, auth: 5, command: 2, pull: 60 }, mask_secrets: 'constant', state: ':memory:', store: '/nonexistent', file: '/nonexistent/devices.yaml' };

export interface LogLine {
  level: 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}

/** A logger that keeps what it is told (pino's (obj, msg) call shape). */
export function captureLog(): { log: NonNullable<PullDeps['log']>; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: unknown, msg?: unknown) => {
    lines.push({ level, obj: (obj ?? {}) as Record<string, unknown>, msg: String(msg ?? '') });
  };
  return { log: { warn: at('warn'), error: at('error') } as unknown as NonNullable<PullDeps['log']>, lines };
}

/** Deps that accept any host key (each test that is about host keys builds its own). */
export function acceptAll(extra: Partial<PullDeps> = {}): PullDeps {
  return {
    hostKeyCheck: () => () => 'accept',
    jumpHostKeyCheck: () => () => 'accept',
    now: () => new Date('2026-01-01T00:00:00Z'),
    wantFacts: () => true,
    log: captureLog().log,
    ...extra,
  };
}
