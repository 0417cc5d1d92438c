/**
 * Handshake evidence from the SSH host key blob the transport's hostVerifier receives (pure):
 * key type and size. RSA: string type, mpint e, mpint n (size = bits of n). ECDSA: the curve.
 * The blob comes from the device: lengths are bounds-checked, garbage gives only the type.
 */
import type { HandshakeFacts } from './types.js';

function readString(buf: Buffer, at: number): { value: Buffer; next: number } | undefined {
  if (at + 4 > buf.length) return undefined;
  const len = buf.readUInt32BE(at);
  if (len > buf.length - at - 4) return undefined;
  return { value: buf.subarray(at + 4, at + 4 + len), next: at + 4 + len };
}

function bitLength(mpint: Buffer): number {
  let i = 0;
  while (i < mpint.length && mpint[i] === 0) i++;
  if (i === mpint.length) return 0;
  return (mpint.length - i - 1) * 8 + (32 - Math.clz32(mpint[i]!));
}

export function hostKeyFacts(blob: Buffer): Pick<HandshakeFacts, 'hostKeyType' | 'hostKeyBits'> {
  const type = readString(blob, 0);
  if (!type) return {};
  const hostKeyType = type.value.toString('latin1');
  if (hostKeyType === 'ssh-rsa') {
    const e = readString(blob, type.next);
    const n = e && readString(blob, e.next);
    return n ? { hostKeyType, hostKeyBits: bitLength(n.value) } : { hostKeyType };
  }
  const curve = /^ecdsa-sha2-nistp(\d+)$/.exec(hostKeyType);
  if (curve) return { hostKeyType, hostKeyBits: Number(curve[1]) };
  if (hostKeyType === 'ssh-ed25519') return { hostKeyType, hostKeyBits: 256 };
  return { hostKeyType };
}

/** The transport's record of one handshake (structurally: src/transport/handshake.ts). */
interface SeenHandshake {
  kex: string;
  hostKeyType: string;
  hostKeyBits: number;
  serverIdent?: string;
  offered?: { kex?: string[] };
}

/**
 * The rules' handshake evidence: every key exchange the server offered (a weak one offered is a
 * finding even when driftwatch negotiated a modern one), else the negotiated one alone.
 */
export function handshakeEvidence(h: SeenHandshake): HandshakeFacts {
  return {
    hostKeyType: h.hostKeyType,
    hostKeyBits: h.hostKeyBits,
    kex: h.offered?.kex?.length ? h.offered.kex : [h.kex],
    ...(h.serverIdent ? { serverIdent: h.serverIdent } : {}),
  };
}
