/**
 * pino logger: JSON lines on stderr, human-readable when stderr is a terminal.
 * Credential-shaped keys are redacted wherever they appear, as a second line of defence.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

const REDACT = ['password', 'passphrase', 'enable_password', 'secret', 'privateKey', 'credentials', '*.password', '*.passphrase', '*.enable_password', '*.secret', '*.privateKey', '*.credentials'];

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

export function createLogger(level = defaults.forcedLevel ?? process.env.DRIFTWATCH_LOG_LEVEL ?? defaults.level ?? 'info'): Logger {
  const options = { level, base: undefined, redact: { paths: REDACT, censor: '[redacted]' } };
  if ((defaults.format ?? (process.stderr.isTTY ? 'pretty' : 'json')) === 'pretty') {
    return pino(options, pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true && !process.env.NO_COLOR, ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

export type { Logger };
