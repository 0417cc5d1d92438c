/**
 * Handshake evidence from ssh2's `debug` callback lines (pure): the server identification and the
 * key exchange methods the server offered. ssh2 1.x logs `Remote ident: 'SSH-2.0-...'` and
 * `Handshake: (remote) KEX method: a,b,c`. Pass the lines of one connection; the transport adds
 * `hostKeyFacts(blob)` from its hostVerifier.
 */
import type { HandshakeFacts } from './types.js';

export function handshakeFromDebug(lines: readonly string[]): Pick<HandshakeFacts, 'serverIdent' | 'kex'> {
  const out: Pick<HandshakeFacts, 'serverIdent' | 'kex'> = {};
  for (const line of lines) {
    const ident = /Remote ident: '([^'\r\n]{1,255})'/.exec(line);
    if (ident && !out.serverIdent) out.serverIdent = ident[1]!;
    const kex = /Handshake: \(remote\) KEX method: ([\w@.,+-]{1,2000})$/.exec(line);
    if (kex && !out.kex) out.kex = kex[1]!.split(',').filter(Boolean);
  }
  return out;
}
