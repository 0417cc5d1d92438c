/** Exec channels: one command, its bare recorded output, exit status 0 (or stderr and status 1 when unknown). */
import type { ServerChannel } from 'ssh2';
import type { SimDevice } from './device.js';
import { applyFault } from './fault.js';
import type { ConnectionContext } from './server.js';
import { execOutput, junk, toCrlf, unknownExecMessage } from './text.js';

export function runExec(device: SimDevice, channel: ServerChannel, command: string, ctx: ConnectionContext): void {
  let closed = false;
  channel.on('close', () => (closed = true));
  channel.on('error', () => {});
  const transcript = device.transcript;
  device.stats.commands++;
  device.logCommand(command);
  const out = (text: string) => (device.crlf ? toCrlf(text) : text);
  const finish = (status: number) => {
    channel.exit(status);
    channel.end();
  };
  const answer = () => {
    if (closed) return;
    if (device.garbage) {
      channel.write(out(junk()));
      return finish(0);
    }
    // An exec request carries the command without its newline; recorded commands end with one.
    const found = device.lookup(transcript, command + '\n', ctx.cursor);
    if (!found) {
      channel.stderr.write(out(unknownExecMessage(transcript.model, command)));
      return finish(1);
    }
    ctx.cursor = found.next;
    const text = out(execOutput(found.answer, command, transcript.initPrompt));
    const fault = device.faultFor(command);
    if (fault) return applyFault(channel, ctx, text, fault);
    channel.write(text);
    finish(0);
  };
  if (device.latencyMs > 0) setTimeout(answer, device.latencyMs);
  else answer();
}
