/**
 * Handshake evidence from ssh2's `debug` callback lines (pure): the server identification and the
 * algorithm lists the server offered in its KEXINIT. ssh2 1.x logs `Remote ident: 'SSH-2.0-...'`
 * and `Handshake: (remote) KEX method: a,b,c` (also `Host key format`, `C->S cipher`, `S->C cipher`,
 * `C->S MAC`, `S->C MAC`). The offered lists matter because a device can negotiate a modern
 * algorithm with driftwatch while still accepting diffie-hellman-group1-sha1 from anyone else.
 * Pass the lines of one connection; the lists are hostile input: names filtered, lists bounded.
 */
import type { HandshakeFacts } from './types.js';

export interface OfferedAlgorithms {
  kex?: string[];
  hostKey?: string[];
  /** Both directions, client-to-server first, without repeats. */
  cipher?: string[];
  mac?: string[];
}

export interface DebugHandshake extends Pick<HandshakeFacts, 'serverIdent' | 'kex'> {
  hostKey?: string[];
  cipher?: string[];
  mac?: string[];
}

const LISTS: Array<[RegExp, keyof OfferedAlgorithms]> = [
  [/^Handshake: \(remote\) KEX method: ([^\r\n]{1,4000})$/, 'kex'],
  [/^Handshake: \(remote\) Host key format: ([^\r\n]{1,4000})$/, 'hostKey'],
  [/^Handshake: \(remote\) [CS]->[CS] cipher: ([^\r\n]{1,4000})$/, 'cipher'],
  [/^Handshake: \(remote\) [CS]->[CS] MAC: ([^\r\n]{1,4000})$/, 'mac'],
];

/** Algorithm names only (RFC 4251 6: printable ASCII without commas), at most 40 of 64 chars. */
function names(list: string): string[] {
  return list
    .split(',')
    .filter((s) => /^[\w@.+-]{1,64}$/.test(s))
    .slice(0, 40);
}

/** Is this a line handshakeFromDebug reads (the transport keeps only these)? */
export function isHandshakeDebugLine(line: string): boolean {
  return line.startsWith('Handshake: (remote)') || line.startsWith('Remote ident: ');
}

export function handshakeFromDebug(lines: readonly string[]): DebugHandshake {
  const out: DebugHandshake = {};
  for (const line of lines) {
    // RFC 4253 4.2: printable US-ASCII; anything else (ssh2 shows it escaped) is not kept.
    const ident = /^Remote ident: '([\x20-\x26\x28-\x7e]{1,255})'$/.exec(line);
    if (ident && !out.serverIdent) out.serverIdent = ident[1]!;
    for (const [re, field] of LISTS) {
      const m = re.exec(line);
      if (!m) continue;
      const seen = out[field];
      // The first handshake only (a rekey repeats the lists); both cipher/MAC directions merged.
      if (seen && field !== 'cipher' && field !== 'mac') continue;
      const merged = [...new Set([...(seen ?? []), ...names(m[1]!)])];
      if (merged.length) out[field] = merged;
    }
  }
  return out;
}
