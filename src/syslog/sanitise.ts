/**
 * Syslog text is hostile (anyone can send a datagram) and may carry secrets (IOS logs typed
 * commands verbatim without `hidekeys`). Everything stored or shown goes through here first.
 */
import { oneLine, truncate } from '../notify/escape.js';

// `secret 0 hunter2`, `password 7 0822455D0A16`, `key-string abc`, `community public`, `pre-shared-key x`...
const SECRET_WORDS = /\b(password|passwd|secret|key-string|pre-shared-key|pre-shared-secret|community|auth-key|authentication-key|md5|sha|psk|passphrase|private-key|key)(\s+[0-9]{1,2})?(\s+|=|:)("[^"]*"|'[^']*'|\S+)/gi;

/** Replace the value after a secret-bearing keyword with `<masked>` (keyword and type digit kept). */
export function maskSecretsInText(s: string): string {
  return s.replace(SECRET_WORDS, (_m, word: string, type: string | undefined, sep: string) => `${word}${type ?? ''}${sep}<masked>`);
}

/** One line, no control/bidi characters, bounded, secrets masked: safe to store, log and alert. */
export function cleanField(s: string | undefined, max = 256): string | undefined {
  if (s === undefined) return undefined;
  const clean = truncate(maskSecretsInText(oneLine(s)), max);
  return clean || undefined;
}

/** The raw line as kept in state (`driftwatch events` shows it). */
export function cleanRawLine(s: string): string {
  return cleanField(s, 1024) ?? '';
}
