/**
 * pino logger: JSON lines on stderr, human-readable when stderr is a terminal.
 * Credential-shaped keys are redacted wherever they appear, as a second line of defence.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

const REDACT = ['password', 'passphrase', 'enable_password', 'secret', 'privateKey', 'credentials', '*.password', '*.passphrase', '*.enable_password', '*.secret', '*.privateKey', '*.credentials'];

export function createLogger(level = process.env.DRIFTWATCH_LOG_LEVEL ?? 'info'): Logger {
  const options = { level, base: undefined, redact: { paths: REDACT, censor: '[redacted]' } };
  if (process.stderr.isTTY) return pino(options, pretty({ destination: 2, colorize: true, ignore: 'pid,hostname' }));
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

export type { Logger };
