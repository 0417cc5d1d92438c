/**
 * Syslog trigger: devices announce config changes (IOS `%SYS-5-CONFIG_I`, NX-OS `VSHD_SYSLOG_CONFIG_I`,
 * Junos `UI_COMMIT`, EOS `SYS-5-CONFIG_I`...), so the daemon pulls that device at once instead of
 * waiting for the next scheduled cycle. The message only says "look now": what changed is always
 * read from the device itself, so a forged message costs one pull, nothing more.
 */
import { createSocket, type Socket } from 'node:dgram';

const CONFIG_CHANGE = /%SYS-5-CONFIG(?:_I|_P)?\b|VSHD_SYSLOG_CONFIG_I|\bUI_COMMIT(?:_COMPLETED)?\b|%SYS-5-CONFIG_E|\bconfiguration (?:changed|committed)\b/i;

/** Pure: does this syslog message announce a configuration change? */
export function isConfigChange(message: string): boolean {
  return CONFIG_CHANGE.test(message);
}

/** `host:port` (IPv4, `[::1]:514`, or a bare port on all addresses) to socket arguments. */
export function parseListen(listen: string): { address: string; port: number; family: 'udp4' | 'udp6' } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(listen) ?? /^()()(\d+)$/.exec(listen);
  if (!m) throw new Error(`syslog.listen: expected host:port, got ${JSON.stringify(listen)}`);
  const address = m[1] || m[2] || '0.0.0.0';
  return { address, port: Number(m[3]), family: address.includes(':') ? 'udp6' : 'udp4' };
}

export interface SyslogListener {
  port: number;
  close(): Promise<void>;
}

/** Listen for syslog over UDP; `onChange(source address)` for each config-change message. */
export function listenSyslog(listen: string, onChange: (source: string) => void): Promise<SyslogListener> {
  const { address, port, family } = parseListen(listen);
  const socket: Socket = createSocket(family);
  socket.on('message', (buf, rinfo) => {
    // Bounded read: a syslog datagram is small; anything else is noise.
    if (isConfigChange(buf.subarray(0, 2048).toString('latin1'))) onChange(rinfo.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      socket.on('error', () => {}); // a bad datagram must not kill the daemon
      resolve({ port: socket.address().port, close: () => new Promise<void>((r) => socket.close(() => r())) });
    });
  });
}
