/**
 * pino logger: JSON lines on stderr, human-readable when stderr is a terminal.
 * Credential-shaped keys are redacted wherever they appear (up to three levels deep, and in
 * arrays of channels or devices), as a second line of defence: messages are built without
 * secrets in the first place.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Keys that hold a credential in the config (credential sets, alert channels, jump hosts) or in SSH targets. */
const SECRET_KEYS = [
  'password', 'passphrase', 'enable_password', 'enablePassword', 'secret', 'privateKey', 'private_key', 'credentials',
  'webhook_url', 'url', 'headers', 'authorization', 'Authorization', 'token', 'key', 'fingerprintKey', 'pass', 'auth',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const k of SECRET_KEYS) paths.push(k, `*.${k}`, `*.*.${k}`, `*[*].${k}`, `*.*[*].${k}`, `*[*].*.${k}`);
  return paths;
}

export const REDACT_PATHS = redactPaths();

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** DRIFTWATCH_LOG_LEVEL checked here: pino would throw an opaque "unknown level" at the first log call. */
export function logLevel(value: string | undefined): string {
  const level = (value ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`DRIFTWATCH_LOG_LEVEL=${JSON.stringify(value)} is not a log level; use one of ${LOG_LEVELS.join(', ')}`);
  }
  return level;
}

/** Set once by the CLI's global options; see setLogDefaults. */
const defaults: LogDefaults = {};

export interface LogDefaults {
  /** `--verbose`: wins over DRIFTWATCH_LOG_LEVEL. */
  forcedLevel?: string;
  /** The command's default when DRIFTWATCH_LOG_LEVEL is unset (one-shot commands: warn). */
  level?: string;
  /** `--log-format`; default pretty on a terminal, JSON lines otherwise. */
  format?: 'json' | 'pretty';
}

export function setLogDefaults(d: LogDefaults): void {
  Object.assign(defaults, d);
}

export function createLogger(level = defaults.forcedLevel ?? process.env.DRIFTWATCH_LOG_LEVEL ?? defaults.level ?? 'info', destination?: pino.DestinationStream): Logger {
  const options = { level: logLevel(level), base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  if ((defaults.format ?? (process.stderr.isTTY ? 'pretty' : 'json')) === 'pretty') {
    return pino(options, pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true && !process.env.NO_COLOR, ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

export type { Logger };
