/**
 * One interactive shell on a simulated device: prints the init prompt, reads typed lines, answers
 * them from the transcript (echo and closing prompt are part of recorded answers), and plays the
 * platform parts a transcript does not hold: unknown commands, enable, the pager, exit.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ServerChannel } from 'ssh2';
import { rawCommands } from './answers.js';
import type { SimDevice } from './device.js';
import { applyFault } from './fault.js';
import type { ConnectionContext } from './server.js';
import {
  EXIT_COMMANDS, MORE, MORE_ERASE, PAGING_OFF, PRIVILEGED_ONLY, junk, lastLine, splitKeepingEol,
  swapTrailingPrompt, toCrlf, unknownCommandAnswer, unprivilegedPrompt,
} from './text.js';
import type { Transcript } from './transcript.js';

const ENABLE = /^en(able?)?$/i;
const DISABLE = /^disable$/i;
/** Terminal setup a device accepts silently even when the recording lacks it. */
const ACCEPTED = /^term(inal)? (width|length) \d+$/i;
const PROMPT_LIKE = /[#>$%\]]\s?$/;

interface Reply {
  text: string;
  /** Subject to the pager and to scripted faults (recorded or unknown-command answers). */
  output?: boolean;
  close?: boolean;
}

export class ShellSession {
  private readonly transcript: Transcript;
  private readonly prompt: string;
  private readonly raw: string[];
  private readonly decoder = new StringDecoder('utf8');
  private privileged: boolean;
  private pending = '';
  private skipLf = false;
  private busy = false;
  private stopped = false;
  private pagingOff = false;
  private awaitingSecret = false;
  /** Lines of a paged answer, and how many were written. */
  private pager?: { lines: string[]; at: number };
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly device: SimDevice,
    private readonly channel: ServerChannel,
    private readonly ctx: ConnectionContext,
  ) {
    this.transcript = device.transcript;
    this.prompt = device.promptOf(this.transcript);
    this.raw = rawCommands(this.transcript);
    this.privileged = device.enableSecret === undefined;
    channel.on('data', (data: Buffer) => this.onData(this.decoder.write(data)));
    channel.on('error', () => {});
    channel.on('close', () => {
      this.stopped = true;
      clearTimeout(this.timer);
    });
  }

  start(): void {
    const init = this.transcript.initPrompt;
    this.write(this.privileged ? init : swapTrailingPrompt(init, this.prompt, this.currentPrompt()));
  }

  private currentPrompt(): string {
    return this.privileged ? this.prompt : unprivilegedPrompt(this.prompt);
  }

  private write(text: string): void {
    if (!this.stopped && text) this.channel.write(this.device.crlf ? toCrlf(text) : text);
  }

  private onData(text: string): void {
    if (this.stopped) return;
    this.pending += text;
    this.pump();
  }

  /** Consume typed input: pager keys while paused, else whole lines (ended by \r, \n or \r\n). */
  private pump(): void {
    while (!this.busy && !this.stopped && this.pending) {
      if (this.skipLf) {
        this.skipLf = false;
        if (this.pending[0] === '\n') {
          this.pending = this.pending.slice(1);
          continue;
        }
      }
      if (this.pager) {
        const key = this.pending[0]!;
        this.pending = this.pending.slice(1);
        this.skipLf = key === '\r';
        this.pagerKey(key);
        continue;
      }
      const raw = this.raw.length ? this.raw.find((r) => this.rawMatches(r)) : undefined;
      if (raw !== undefined) {
        this.pending = this.pending.slice(raw.length);
        this.command(raw, true);
        continue;
      }
      const end = this.pending.search(/[\r\n]/);
      if (end === -1) break;
      const line = this.pending.slice(0, end);
      this.skipLf = this.pending[end] === '\r';
      this.pending = this.pending.slice(end + 1);
      this.command(line);
    }
  }

  /** Multi-line input and pager keys match as a prefix; a recorded word without newline only as the whole input. */
  private rawMatches(raw: string): boolean {
    if (!this.pending.startsWith(raw)) return false;
    return /[\r\n]/.test(raw) || /^[^A-Za-z0-9]+$/.test(raw) || this.pending === raw;
  }

  private command(line: string, raw = false): void {
    this.device.stats.commands++;
    this.device.logCommand(line);
    const answer = () => {
      this.timer = undefined;
      this.busy = false;
      if (this.stopped) return;
      this.send(raw ? this.replayRaw(line) : this.reply(line), line);
      this.pump();
    };
    if (this.device.latencyMs > 0) {
      this.busy = true;
      this.timer = setTimeout(answer, this.device.latencyMs);
    } else answer();
  }

  /** A recorded keypress or multi-line input: its answer as recorded. */
  private replayRaw(input: string): Reply {
    const found = this.device.lookup(this.transcript, input, this.ctx.cursor);
    if (!found) return { text: '' };
    this.ctx.cursor = found.next;
    return { text: found.answer, output: true };
  }

  private reply(line: string): Reply {
    const device = this.device;
    const cmd = line.trim();
    const prompt = this.currentPrompt();
    if (this.awaitingSecret) {
      // The secret is not echoed.
      this.awaitingSecret = false;
      if (line !== device.enableSecret) return { text: `\n% Access denied\n\n${prompt}` };
      this.privileged = true;
      return { text: '\n' + this.currentPrompt() };
    }
    if (device.garbage) return { text: junk() };
    if (cmd === '') {
      // A recorded bare Enter wins (some transcripts hold its exact answer).
      const enter = device.lookup(this.transcript, line, this.ctx.cursor);
      if (!enter) return { text: '\n' + prompt };
      this.ctx.cursor = enter.next;
      return { text: enter.answer, output: true };
    }
    if (device.enableSecret !== undefined) {
      if (ENABLE.test(cmd) && !this.privileged) {
        this.awaitingSecret = true;
        return { text: `${line}\nPassword: ` };
      }
      if (DISABLE.test(cmd) && this.privileged) {
        this.privileged = false;
        return { text: `${line}\n${this.currentPrompt()}` };
      }
    }
    if (PAGING_OFF.test(cmd)) this.pagingOff = true;
    const allowed = this.privileged || !PRIVILEGED_ONLY.test(cmd);
    const found = allowed ? device.lookup(this.transcript, line, this.ctx.cursor) : undefined;
    if (found) {
      this.ctx.cursor = found.next;
      const text = this.privileged ? found.answer : swapTrailingPrompt(found.answer, this.prompt, prompt);
      return { text, output: true, close: EXIT_COMMANDS.test(cmd) && !PROMPT_LIKE.test(lastLine(text)) };
    }
    if (EXIT_COMMANDS.test(cmd)) return { text: `${line}\n`, close: true };
    if (PAGING_OFF.test(cmd) || ACCEPTED.test(cmd) || ENABLE.test(cmd)) return { text: `${line}\n${prompt}` };
    return { text: unknownCommandAnswer(this.transcript.model, line, prompt), output: true };
  }

  private send(reply: Reply, line: string): void {
    const device = this.device;
    const fault = reply.output ? device.faultFor(line) : undefined;
    if (fault) {
      // A hung or dropped device reads nothing more.
      this.stopped = true;
      applyFault(this.channel, this.ctx, device.crlf ? toCrlf(reply.text) : reply.text, fault);
      return;
    }
    if (reply.output && device.pageLines > 0 && (!this.pagingOff || device.ignorePagingOff)) {
      this.pager = { lines: splitKeepingEol(reply.text), at: 0 };
      this.nextPage(device.pageLines);
    } else this.write(reply.text);
    if (reply.close) {
      this.stopped = true;
      this.channel.exit(0);
      this.channel.end();
    }
  }

  /** Write up to `n` more lines; pause at ` --More-- ` while at least one full line remains. */
  private nextPage(n: number): void {
    const pager = this.pager!;
    const { lines } = pager;
    const end = Math.min(lines.length, pager.at + n);
    this.write(lines.slice(pager.at, end).join(''));
    pager.at = end;
    const left = lines.length - end;
    if (left > 1 || (left === 1 && lines[end]!.endsWith('\n'))) this.write(MORE);
    else {
      this.write(lines.slice(end).join(''));
      this.pager = undefined;
    }
  }

  /** Space: next page; Return: next line; anything else (`q`): drop the rest, back to the prompt. */
  private pagerKey(key: string): void {
    this.write(MORE_ERASE);
    if (key === ' ') this.nextPage(this.device.pageLines);
    else if (key === '\r' || key === '\n') this.nextPage(1);
    else {
      this.pager = undefined;
      this.write(this.currentPrompt());
    }
  }
}
