/**
 * A driver teaches driftwatch one device OS. It is data plus pure functions: no I/O, no clock.
 * The transport runs `session` and `commands`; `parse` turns the raw outputs into a snapshot.
 */

export interface Facts {
  hostname?: string;
  model?: string;
  os_version?: string;
  serial?: string;
  image?: string;
}

/** Who last changed the config, as the device itself reports it (IOS `! Last configuration change ... by`). */
export interface ChangeAttribution {
  user?: string;
  at?: string;
  /** Where from: an address or host (`10.0.0.9`). */
  source?: string;
  /** Through what: `cli`, `ssh`, `console`, `netconf`, `web`, `api`, or the device's own word for it. */
  via?: string;
  /** The commands typed in that change, when the device logs them (IOS archive, NX-OS accounting); bounded. */
  commands?: string[];
}

/**
 * Where a platform says who changed its config. Pure functions over raw outputs (echo, CRs,
 * prompt included): device text is hostile, so every field comes back sanitised and bounded.
 */
export interface AttributionSpec {
  /** `config`: a header in the config text says it; `command`: only an extra command does. */
  from: 'config' | 'command';
  /** Attribution read from the main commands' raw outputs (a header the cleaning drops or ignores). */
  fromConfig?(outputs: Readonly<Record<string, string>>): ChangeAttribution | undefined;
  /**
   * The extra command, sent in the same session after the main ones and only when the config
   * differs from the stored snapshot. With `from: 'config'` it runs only when the header named
   * no user, unless `alwaysRunCommand` (IOS: the archive log adds the commands typed).
   */
  command?: string;
  /** Commands sent before `command` whose output is not read (log filters). */
  commandSetup?: string[];
  /** Parse `command`'s raw output; undefined when it says nothing usable (error text, archive off). */
  parse?(output: string): ChangeAttribution | undefined;
  alwaysRunCommand?: boolean;
}

/** What a successful pull produces: the text that goes into git, plus facts about the box. */
export interface ParsedConfig {
  /** Cleaned config, volatile lines dropped, secrets NOT yet masked. Ends with one newline. */
  config: string;
  facts: Facts;
  /** From lines the cleaning drops as volatile; written into the commit and the drift alert. */
  changedBy?: ChangeAttribution;
}

/** A response the transport sends when a pattern shows up in the output (pager, confirmations). */
export interface Responder {
  pattern: RegExp;
  answer: string;
}

export interface SessionSpec {
  /** `shell`: one interactive PTY, commands typed at a prompt. `exec`: one exec channel per command. */
  mode: 'shell' | 'exec';
  /**
   * Matches a whole prompt line (anchor it with `^...$`). The transport tests it against the last,
   * unterminated line of the output (ANSI escapes and CRs removed) to know a command has finished.
   */
  prompt: RegExp;
  /** Commands sent after login to make output machine-friendly (paging off, width). Failures ignored. */
  setup: string[];
  /**
   * Send setup and commands in one write instead of waiting for each prompt: one round trip per
   * session. Only for CLIs known to queue typed-ahead input (IOS does).
   */
  typeAhead?: boolean;
  /** Answered whenever they appear mid-output: `--More--` when paging could not be disabled, banners. */
  responders?: Responder[];
  /** For platforms with an unprivileged mode: how to reach the privileged one. */
  enable?: {
    /** Prompt that means "not privileged yet" (e.g. IOS `>`). */
    unprivilegedPrompt: RegExp;
    command: string;
    passwordPrompt: RegExp;
  };
  /** Sent (best effort) before closing the session. */
  exit?: string;
}

export interface Driver {
  /** netmiko platform name, e.g. `cisco_ios`. */
  id: string;
  /** Other names users know (Oxidized model names), e.g. `ios`. */
  aliases: string[];
  /** One line for docs and `--help`. */
  description: string;
  session: SessionSpec;
  /** Commands whose outputs `parse` receives, in order. */
  commands: string[];
  /**
   * Commands among `commands` that only feed facts (model, version, serial). They run on a
   * device's first pull and when its facts are older than `facts_refresh_hours`; other pulls skip
   * them, and `parse` then returns whatever facts the config itself holds.
   */
  factsCommands?: string[];
  /** Per-device command list where the inventory chooses it (linux: files and commands). */
  commandsFor?(device: { files?: string[]; commands?: string[] }): string[];
  /**
   * Pure: raw command outputs (keyed by command, as received: echo, CRs and trailing prompt included)
   * to a cleaned config and facts. Throws PullError('incomplete-output') when the config is truncated.
   */
  parse(outputs: Readonly<Record<string, string>>): ParsedConfig;
  /**
   * Pure: replace secrets (passwords, keys, communities, private keys). Without `mask`, each secret
   * becomes the driver's constant mask (`<masked>`); with it, each becomes `mask(token)` where
   * token is the secret's exact text (keyed fingerprints, see src/secrets/). Idempotent: a token
   * that already is a placeholder stays. Build it with `secretMasker` (common/secret-masker.ts).
   */
  maskSecrets(config: string, mask?: SecretMask): string;
  /** Lines dropped from the stored config: they change without anyone touching the config. */
  volatile: RegExp[];
  /** Lines kept in the store whose change alone is not drift (counters, re-encrypted values). */
  ignore: RegExp[];
  /** Section and severity knowledge for the drift engine (see drift/). */
  drift?: DriftKnowledge;
  /**
   * Where this platform says who changed it: `config` (a header in the config text), `command`
   * (an extra command, run only when the config changed), or absent: none (status says so).
   */
  attribution?: AttributionSpec;
}

/** The replacement for one secret token (a constant, or a keyed fingerprint of the token). */
export type SecretMask = (token: string) => string;

export interface DriftKnowledge {
  /** A line matching one of these opens a section (its text labels hunks inside it). */
  sectionStart: RegExp[];
  /** A changed line (or the section it sits in) matching one of these makes the change `critical`. */
  critical: RegExp[];
}
