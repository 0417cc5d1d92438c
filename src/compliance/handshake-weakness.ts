/**
 * What is weak in one recorded SSH handshake, in a few words per item (pure): SSHv1 still
 * accepted, a SHA-1 key exchange offered (CISA H12, rule ssh-kex-dh-4096), a host key below RSA
 * 3072 or DSA (rule ssh-host-key-3072). The rules give the verdicts; this is the short line
 * `status` prints.
 */
const WEAK_KEX = new Set(['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1']);

export interface RecordedHandshake {
  kex: string;
  hostKeyType: string;
  hostKeyBits: number;
  serverIdent?: string;
  offered?: { kex?: string[] };
}

export function handshakeWeaknesses(h: RecordedHandshake): string[] {
  const out: string[] = [];
  if (h.serverIdent && /^SSH-1\./.test(h.serverIdent)) out.push('accepts SSHv1');
  const kex = (h.offered?.kex?.length ? h.offered.kex : [h.kex]).filter((k) => WEAK_KEX.has(k));
  if (kex.length) out.push(`offers ${kex.join(', ')}`);
  if (h.hostKeyType === 'ssh-dss') out.push('DSA host key');
  else if (h.hostKeyType === 'ssh-rsa' && h.hostKeyBits > 0 && h.hostKeyBits < 3072) out.push(`host key RSA ${h.hostKeyBits}`);
  return out;
}
