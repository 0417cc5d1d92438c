/**
 * `syslog.listen` values: `udp://host:port`, `tcp://host:port`, `tls://host:port`, or a bare
 * `host:port` (UDP, as before). IPv6 hosts go in brackets (`udp://[::1]:514`). Pure.
 */

export type SyslogTransport = 'udp' | 'tcp' | 'tls';

export interface ListenAddress {
  transport: SyslogTransport;
  host: string;
  port: number;
  /** The value as written, for logs and errors. */
  text: string;
}

export type ListenParse = { ok: true; address: ListenAddress } | { ok: false; error: string };

const SHAPE = /^(?:(udp|tcp|tls):\/\/)?(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

export function parseListenAddress(text: string): ListenParse {
  const m = SHAPE.exec(text.trim());
  if (!m) {
    return { ok: false, error: `expected udp://host:port, tcp://host:port, tls://host:port or host:port, got ${JSON.stringify(text)}` };
  }
  const port = Number(m[4]);
  if (port > 65535) return { ok: false, error: `port ${port} is out of range (0-65535) in ${JSON.stringify(text)}` };
  const host = m[2] ?? m[3]!;
  if (m[2] && !m[2].includes(':')) return { ok: false, error: `brackets are for IPv6 addresses, got ${JSON.stringify(text)}` };
  return { ok: true, address: { transport: (m[1] as SyslogTransport | undefined) ?? 'udp', host, port, text } };
}

/** `syslog.listen` as a list (one string or several). */
export function listenList(listen: string | readonly string[]): string[] {
  return typeof listen === 'string' ? [listen] : [...listen];
}
