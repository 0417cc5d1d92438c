/** Scripted faults shared by shell and exec channels: stop after N bytes, then hang or drop the TCP connection. */
import type { ServerChannel } from 'ssh2';
import type { Fault } from './device.js';
import type { ConnectionContext } from './server.js';

/** Write the first `fault.bytes` bytes of `text`; then stay silent (hang) or destroy the socket (disconnect). */
export function applyFault(channel: ServerChannel, ctx: ConnectionContext, text: string, fault: Fault): void {
  const head = Buffer.from(text, 'utf8').subarray(0, Math.max(0, fault.bytes));
  if (head.length) channel.write(head);
  if (fault.kind === 'disconnect') {
    const socket = ctx.socket;
    if (!socket) return void channel.destroy();
    // Let what was written reach the wire, then drop the connection without any SSH goodbye.
    socket.end(() => socket.destroy());
    setTimeout(() => socket.destroy(), 200).unref();
  }
}
