/**
 * Drive an interactive shell: wait for the prompt, type each command, collect its output until
 * the prompt returns, answering pagers and banners on the way.
 */
import type { Client, ClientChannel } from 'ssh2';
import { StringDecoder } from 'node:string_decoder';
import { PullError } from '../core/errors.js';
import type { SessionSpec } from '../drivers/types.js';
import { normalizeTerminalText } from '../drivers/common/text.js';
import type { Meter, OutputBudget } from './output-cap.js';
import type { FollowUp, SessionOptions } from './types.js';

const TAIL = 4096;
/** Quiet time after which a prompt-shaped line with an unexpected hostname counts as the prompt. */
const SETTLE_MS = 400;

/** true: done now; 'settle': done if no more output follows within SETTLE_MS; false: keep reading. */
type PromptTest = (line: string, output: () => string) => boolean | 'settle';

/** Collects channel output and resolves when its last line satisfies a predicate. */
class ShellReader {
  private chunks: string[] = [];
  private tail = '';
  private waiter?: { test: PromptTest; resolve: (out: string) => void; reject: (e: PullError) => void };
  private idle?: NodeJS.Timeout;
  private settle?: NodeJS.Timeout;
  private closed?: PullError;
  private answeredAt = -1;
  private received = 0;
  private readonly decoder = new StringDecoder('utf8');
  /** While typing ahead, a pager would eat the queued commands as keystrokes: stop instead. */
  refuseResponders = false;

  constructor(
    private readonly channel: ClientChannel,
    private readonly spec: SessionSpec,
    private readonly idleMs: number,
    private readonly where: string,
    budget: OutputBudget,
  ) {
    const stdout = budget.meter();
    const stderr = budget.meter();
    channel.on('data', (data: Buffer) => this.onBytes(data, stdout) && this.onData(this.decoder.write(data)));
    channel.stderr.on('data', (data: Buffer) => this.onBytes(data, stderr) && this.onData(data.toString('utf8')));
    channel.on('close', () => this.fail(new PullError('incomplete-output', `${where}: connection closed while reading output`)));
  }

  /** The last line as a terminal shows it (escapes and overwrites resolved); only that line is normalized. */
  private lastLine(): string {
    return lastLine(this.tail.slice(this.tail.lastIndexOf('\n') + 1));
  }

  /** Counts raw bytes against the output caps; past a cap the buffer is dropped and the channel closed. */
  private onBytes(data: Buffer, meter: Meter): boolean {
    if (this.closed) return false;
    const over = meter(data);
    if (!over) return true;
    this.chunks = [];
    this.tail = '';
    this.fail(over);
    this.channel.close();
    return false;
  }

  private onData(text: string): void {
    if (!text) return;
    this.received += text.length;
    this.chunks.push(text);
    this.tail = (this.tail + text).slice(-TAIL);
    this.check();
  }

  private check(): void {
    if (!this.waiter) return;
    this.armIdle();
    const line = this.lastLine();
    clearTimeout(this.settle);
    const verdict = this.waiter.test(line, () => this.chunks.join(''));
    if (verdict === true) return this.finish();
    // Looks like a prompt but is not certainly ours: done only if the device then stays quiet.
    if (verdict === 'settle') this.settle = setTimeout(() => this.finish(), SETTLE_MS);
    // Answer a pager or banner once per appearance (not again until new output arrives).
    for (const r of this.spec.responders ?? []) {
      if (this.answeredAt !== this.received && r.pattern.test(line)) {
        if (this.refuseResponders) {
          this.fail(new TypeAheadRefused(`${this.where}: the device paged or prompted while commands were typed ahead`));
          return;
        }
        this.answeredAt = this.received;
        this.channel.write(r.answer);
        break;
      }
    }
  }

  private finish(): void {
    const out = this.chunks.join('');
    this.chunks = [];
    this.tail = '';
    const { resolve } = this.waiter!;
    this.waiter = undefined;
    clearTimeout(this.idle);
    clearTimeout(this.settle);
    resolve(out);
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(
      () => this.fail(new PullError('timeout', `${this.where}: no output for ${this.idleMs / 1000}s (device hung?)`)),
      this.idleMs,
    );
  }

  fail(err: PullError): void {
    this.closed ??= err;
    clearTimeout(this.idle);
    clearTimeout(this.settle);
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(err);
  }

  /** Resolve with everything received until the last line passes `test`. */
  until(test: PromptTest): Promise<string> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.waiter = { test, resolve, reject };
      this.check();
    });
  }

  send(text: string): void {
    this.channel.write(text);
  }

  dispose(): void {
    clearTimeout(this.idle);
    clearTimeout(this.settle);
  }
}

/** `hostname` part of a prompt like `sw1#`, `sw1(config)#`, `admin@fw1>`: later prompts must start with it. */
function promptStem(prompt: string): string {
  // `fw/admin#` (ASA context) may become `fw#` after `changeto system`: the stem is the host part.
  return prompt.trim().replace(/[\s#>$%\])(:]+$/, '').replace(/\(.*$/, '').split('/')[0]!;
}

function lastLine(output: string): string {
  const text = normalizeTerminalText(output);
  return text.slice(text.lastIndexOf('\n') + 1);
}

async function enable(reader: ShellReader, spec: SessionSpec, opts: SessionOptions, where: string): Promise<string> {
  const steps = spec.enable!;
  const done = (line: string) => spec.prompt.test(line) && !steps.unprivilegedPrompt.test(line);
  reader.send(steps.command + '\n');
  let line = lastLine(await reader.until((l) => steps.passwordPrompt.test(l) || spec.prompt.test(l)));
  if (steps.passwordPrompt.test(line)) {
    if (opts.target.enablePassword === undefined) {
      throw new PullError('auth', `${where}: device asks for an enable password and none is configured (enable_password)`);
    }
    reader.send(opts.target.enablePassword + '\n');
    line = lastLine(await reader.until((l) => spec.prompt.test(l) || steps.passwordPrompt.test(l)));
  }
  if (!done(line)) throw new PullError('auth', `${where}: enable refused (wrong enable_password?)`);
  return line;
}

type LineTest = (line: string) => boolean | 'settle';

/** Typed-ahead input met a pager or question: the session is retried one command at a time. */
export class TypeAheadRefused extends PullError {
  constructor(message: string) {
    super('protocol', message);
  }
}

/** Each setup command and each command sent after the previous prompt came back (prompts may change, e.g. after `enable`). */
async function oneByOne(reader: ShellReader, setup: readonly string[], commands: readonly string[], atPrompt: LineTest): Promise<Record<string, string>> {
  for (const command of setup) {
    reader.send(command + '\n');
    await reader.until(atPrompt);
  }
  const outputs: Record<string, string> = {};
  for (const command of commands) {
    reader.send(command + '\n');
    outputs[command] = await reader.until(atPrompt);
  }
  return outputs;
}

/**
 * Every command typed ahead in one write (platforms whose CLI queues input, like IOS): one round
 * trip for the whole session. The output is split at the prompt lines the device printed
 * before each echoed command; each piece is handed on as echo + output + prompt, as if sent alone.
 */
async function typeAhead(reader: ShellReader, all: readonly string[], skip: number, prompt: string, atPrompt: LineTest, where: string): Promise<Record<string, string>> {
  reader.refuseResponders = true;
  reader.send(all.map((c) => c + '\n').join(''));
  const output = await reader.until((line, out) => atPrompt(line) === true && promptLines(out(), prompt) >= all.length);
  // Split the raw text (drivers normalize it once, in parse).
  const pieces: string[][] = [[]];
  for (const line of output.split('\n')) {
    if (line.startsWith(prompt)) pieces.push([line.slice(prompt.length).trimStart()]);
    else pieces[pieces.length - 1]!.push(line);
  }
  // n commands: n pieces, then the final bare prompt.
  if (pieces.length !== all.length + 1) {
    throw new TypeAheadRefused(`${where}: typed-ahead output has ${pieces.length - 1} prompts for ${all.length} commands`);
  }
  const outputs: Record<string, string> = {};
  all.forEach((command, i) => {
    if (i >= skip) outputs[command] = pieces[i]!.join('\n') + '\n' + prompt;
  });
  return outputs;
}

/**
 * Lines of raw `output` that begin with the session's prompt (alone, or followed by the next typed
 * command). Raw text: a CR ending the previous line does not matter, only what follows a LF.
 */
function promptLines(output: string, prompt: string): number {
  let count = output.startsWith(prompt) ? 1 : 0;
  for (let at = output.indexOf('\n' + prompt); at !== -1; at = output.indexOf('\n' + prompt, at + 1)) count++;
  return count;
}

export async function runShell(
  client: Client,
  spec: SessionSpec,
  commands: readonly string[],
  opts: SessionOptions,
  budget: OutputBudget,
  followUp?: FollowUp,
): Promise<Record<string, string>> {
  const where = `${opts.target.host}:${opts.target.port}`;
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    client.shell({ term: 'vt100', cols: 511, rows: 0, width: 0, height: 0 }, (err, ch) =>
      err ? reject(new PullError('protocol', `${where}: shell refused: ${err.message}`)) : resolve(ch),
    );
  });
  const reader = new ShellReader(channel, spec, opts.timeouts.idleMs, where, budget);
  const onAbort = () => reader.fail(new PullError('timeout', `${where}: aborted (${String(opts.signal?.reason ?? 'deadline')})`));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const privileged = (line: string) => spec.prompt.test(line) && !spec.enable?.unprivilegedPrompt.test(line);
    const anyPrompt = (line: string) => spec.prompt.test(line) || !!spec.enable?.unprivilegedPrompt.test(line);
    let promptLine = lastLine(await reader.until(anyPrompt));
    if (spec.enable && !privileged(promptLine)) promptLine = await enable(reader, spec, opts, where);
    // Later prompts must carry the same hostname, so a config line that merely looks like a
    // prompt (split across TCP segments) cannot end a command early.
    const stem = promptStem(promptLine);
    // A prompt with another hostname (renamed device, anonymised recording) is accepted once the device goes quiet.
    const atPrompt = (line: string): boolean | 'settle' => spec.prompt.test(line) && (line.trim().startsWith(stem) || 'settle');
    const prompt = promptLine.trim();
    const outputs = spec.typeAhead
      ? await typeAhead(reader, [...spec.setup, ...commands], spec.setup.length, prompt, atPrompt, where)
      : await oneByOne(reader, spec.setup, commands, atPrompt);
    // One by one at the prompt (never typed ahead): an error answer ends at the prompt like any other.
    const more = followUp?.(outputs).filter((c) => !(c in outputs)) ?? [];
    if (more.length) Object.assign(outputs, await oneByOne(reader, [], more, atPrompt));
    if (spec.exit) reader.send(spec.exit + '\n');
    return outputs;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    reader.dispose();
    channel.removeAllListeners('close');
    channel.close();
  }
}
