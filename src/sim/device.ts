/**
 * A simulated device: a transcript plus mutable state (answer overrides, scripted faults, auth
 * settings, counters). Everything is a plain property or method, changeable while it serves.
 * The network side lives in server.ts; the per-channel behaviour in shell.ts and exec.ts.
 */
import ssh2, { type ParsedKey } from 'ssh2';
import { commandKey, configCommand, findAnswer, type Found } from './answers.js';
import { generateHostKey, type SimHostKey } from './host-key.js';
import { DeviceServer } from './server.js';
import { insertConfigLines, lastLine, removeConfigLines, type ConfigEdit } from './text.js';
import type { Transcript } from './transcript.js';

export interface SimDeviceOptions {
  /** The recording to replay, or a factory called once per session (generated devices hold no text). */
  transcript: Transcript | (() => Transcript);
  /** Display name (default: the transcript's device field). */
  name?: string;
  /** Oxidized model name (default: the transcript's; give it for factory transcripts). */
  model?: string;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Listen port (default 0: ephemeral). */
  port?: number;
  username?: string;
  password?: string;
  /** OpenSSH public key lines (`ssh-ed25519 AAAA... comment`) accepted for `username`. */
  authorizedKeys?: Array<string | Buffer>;
  /** Share one key across a fleet; generated when absent. */
  hostKey?: SimHostKey;
  /** When set the shell starts unprivileged (`>`), and `enable` asks for this secret. */
  enableSecret?: string;
  /** Split answers every N lines with ` --More-- ` until paging is turned off (0 = never). */
  pageLines?: number;
  /** Keep paging even after `terminal length 0` (a device that ignores it). */
  ignorePagingOff?: boolean;
  /** Delay before each answer, ms. */
  latencyMs?: number;
  /** Write `\r\n` for `\n`, as a real PTY does. */
  crlf?: boolean;
  /** Answer every command with random junk and no prompt. */
  garbage?: boolean;
  /** Fail password and keyboard-interactive authentication. */
  rejectPassword?: boolean;
  /** SSH software version in the server identification (default `Cisco-1.25` for Cisco models). */
  ident?: string;
  /** Key exchange methods the server offers (default: ssh2's modern list), e.g. with diffie-hellman-group1-sha1 added. */
  kex?: string[];
}

export interface SimStats {
  /** TCP connections accepted. */
  connections: number;
  /** Successful authentications. */
  logins: number;
  authFailures: number;
  /** Shell and exec channels served. */
  sessions: number;
  shells: number;
  execs: number;
  /** Command lines answered (shell lines and exec requests). */
  commands: number;
}

export type Fault = { kind: 'hang' | 'disconnect'; bytes: number };

const COMMAND_LOG_LIMIT = 1000;

export class SimDevice {
  name: string;
  readonly model: string;
  host: string;
  username: string;
  password: string;
  enableSecret?: string;
  pageLines: number;
  ignorePagingOff: boolean;
  latencyMs: number;
  crlf: boolean;
  garbage: boolean;
  rejectPassword: boolean;
  ident: string;
  kex?: string[];
  readonly stats: SimStats = { connections: 0, logins: 0, authFailures: 0, sessions: 0, shells: 0, execs: 0, commands: 0 };
  /** The last COMMAND_LOG_LIMIT command lines received (shell lines and exec requests), oldest first. */
  readonly commandLog: string[] = [];

  private readonly source: Transcript | (() => Transcript);
  private readonly overrides = new Map<string, string>();
  private readonly faults = new Map<string, Fault>();
  private authorized: ParsedKey[] = [];
  private key: SimHostKey;
  private requestedPort: number;
  private server?: DeviceServer;

  constructor(opts: SimDeviceOptions) {
    this.source = opts.transcript;
    const t = typeof opts.transcript === 'function' ? undefined : opts.transcript;
    this.name = opts.name ?? (t ? (t.name.split('#')[1] ?? t.name) : 'sim');
    this.model = opts.model ?? t?.model ?? '';
    this.host = opts.host ?? '127.0.0.1';
    this.requestedPort = opts.port ?? 0;
    this.username = opts.username ?? 'admin';
    this.password = opts.password ?? 'admin';
    this.enableSecret = opts.enableSecret;
    this.pageLines = opts.pageLines ?? 0;
    this.ignorePagingOff = opts.ignorePagingOff ?? false;
    this.latencyMs = opts.latencyMs ?? 0;
    this.crlf = opts.crlf ?? false;
    this.garbage = opts.garbage ?? false;
    this.rejectPassword = opts.rejectPassword ?? false;
    this.ident = opts.ident ?? (/^(ios|nxos|asa|iosxr|catos)/.test(this.model) ? 'Cisco-1.25' : 'OpenSSH_8.9');
    this.kex = opts.kex;
    this.key = opts.hostKey ?? generateHostKey();
    if (opts.authorizedKeys) this.setAuthorizedKeys(opts.authorizedKeys);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Listen; resolves once the port is bound. */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = new DeviceServer(this);
    await server.listen(this.host, this.requestedPort);
    this.server = server;
    this.requestedPort = server.port;
    return this;
  }

  /** Stop listening and drop every open connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** The bound port (the requested one before `start`). */
  get port(): number {
    return this.server?.port ?? this.requestedPort;
  }

  get hostKey(): SimHostKey {
    return this.key;
  }

  /**
   * Replace the host key: connections from now on see the new key on the same port (the SSH
   * server is recreated; the listening socket stays, so no other process can take the port).
   */
  rotateHostKey(key: SimHostKey = generateHostKey()): SimHostKey {
    this.key = key;
    this.server?.resetSsh();
    return key;
  }

  // ---- auth ------------------------------------------------------------------------------

  setAuthorizedKeys(keys: Array<string | Buffer>): void {
    this.authorized = keys.map((k) => {
      const parsed = ssh2.utils.parseKey(k);
      if (parsed instanceof Error) throw new Error(`${this.name}: bad authorized key: ${parsed.message}`);
      return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
    });
  }

  /** The accepted key with this public blob, if any. */
  authorizedKey(blob: Buffer): ParsedKey | undefined {
    return this.authorized.find((k) => k.getPublicSSH().equals(blob));
  }

  // ---- answers ---------------------------------------------------------------------------

  /** The transcript (a factory device builds a fresh one on each call: take it once per session). */
  get transcript(): Transcript {
    return typeof this.source === 'function' ? this.source() : this.source;
  }

  /** Privileged prompt: last line of the init prompt. */
  promptOf(t: Transcript): string {
    return lastLine(t.initPrompt);
  }

  /** Answer lookup for a session holding transcript `t`; overrides win. */
  lookup(t: Transcript, command: string, cursor = 0): Found | undefined {
    const found = findAnswer(t, command, cursor);
    const key = commandKey(command);
    const override = this.overrides.get(key) ?? this.overrides.get(key.trim());
    if (override !== undefined) return { answer: override, next: found?.next ?? cursor };
    return found;
  }

  /** The current answer for a command (first recorded one, or the override). */
  answer(command: string): string | undefined {
    return this.lookup(this.transcript, command)?.answer;
  }

  /** Set (or add) the answer for a command. */
  setAnswer(command: string, answer: string): void {
    this.overrides.set(commandKey(command), answer);
  }

  /**
   * Answer `command` with `body` as the device prints it: for a shell, wrapped in the echo and
   * the closing prompt like a recorded answer (exec channels strip both again, see execOutput).
   */
  setOutput(command: string, body: string): void {
    const prompt = this.promptOf(this.transcript);
    const text = body.endsWith('\n') ? body : body + '\n';
    // Exec-only recordings have no prompt: their answers are the bare output.
    this.setAnswer(command, prompt.trim() ? `${commandKey(command)}\n${text}${prompt}` : text);
  }

  /** Noted by the shell and exec handlers for each command line received. */
  logCommand(command: string): void {
    this.commandLog.push(commandKey(command).trim());
    if (this.commandLog.length > COMMAND_LOG_LIMIT) this.commandLog.splice(0, this.commandLog.length - COMMAND_LOG_LIMIT);
  }

  /** Change an answer: `fn` receives the current one and returns the new one. */
  mutate(command: string, fn: (answer: string) => string): void {
    const current = this.answer(command);
    if (current === undefined) throw new Error(`${this.name}: no answer for "${command}" to mutate`);
    this.setAnswer(command, fn(current));
  }

  /** The command that shows the configuration in this transcript. */
  configCommand(): string {
    return configCommand(this.transcript);
  }

  /** Add lines to the configuration (before `end` by default, or after the first line matching `after`). */
  addConfigLines(lines: readonly string[], opts: ConfigEdit & { command?: string } = {}): void {
    this.mutate(opts.command ?? this.configCommand(), (a) => insertConfigLines(a, lines, opts));
  }

  /** Remove configuration lines matching `pattern`. */
  removeConfigLines(pattern: RegExp, opts: { command?: string } = {}): void {
    this.mutate(opts.command ?? this.configCommand(), (a) => removeConfigLines(a, pattern));
  }

  /** Drop every override: answers are the recorded ones again. */
  resetAnswers(): void {
    this.overrides.clear();
  }

  // ---- scripted faults -------------------------------------------------------------------

  /** Send only `bytes` bytes of this command's answer, then go silent (connection stays open). `*` = any command. */
  hangAfterBytes(command: string, bytes: number): void {
    this.faults.set(commandKey(command), { kind: 'hang', bytes });
  }

  /** Send `bytes` bytes of this command's answer, then destroy the TCP socket. `*` = any command. */
  disconnectAfterBytes(command: string, bytes: number): void {
    this.faults.set(commandKey(command), { kind: 'disconnect', bytes });
  }

  faultFor(command: string): Fault | undefined {
    const key = commandKey(command).trim();
    return this.faults.get(key) ?? this.faults.get('*');
  }

  clearFaults(): void {
    this.faults.clear();
  }
}
