import type { Handshake } from './handshake.js';
import type { HostKeyCheck } from './host-key.js';
import type { OutputLimits } from './output-cap.js';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: Buffer;
  passphrase?: string;
  enablePassword?: string;
}

export interface SshTimeouts {
  connectMs: number;
  authMs: number;
  /** Longest silence while a command runs. */
  idleMs: number;
}

export interface SessionOptions {
  target: SshTarget;
  /** Reach `target` through this SSH bastion (a direct-tcpip channel), its host key pinned too. */
  jump?: { name: string; target: SshTarget; checkHostKey: HostKeyCheck; legacyAlgorithms?: boolean };
  timeouts: SshTimeouts;
  checkHostKey: HostKeyCheck;
  /** Also offer SHA-1 key exchange, ssh-rsa/ssh-dss, CBC and hmac-sha1 (device `legacy_algorithms: true`). */
  legacyAlgorithms?: boolean;
  /** Output caps for the whole session (default: DEFAULT_LIMITS). */
  limits?: OutputLimits;
  /** Aborts the whole session (per-device deadline, daemon shutdown). */
  signal?: AbortSignal;
}

/**
 * Called once the main commands' outputs are in, with the session still open: the commands to
 * send next in the same session (attribution logs), or none. Their outputs join `outputs`; an
 * error answer or a refused exec channel gives an empty or error text, never a failed pull.
 */
export type FollowUp = (outputs: Readonly<Record<string, string>>) => readonly string[];

/** What one session produced: raw outputs per command and what the handshake agreed on. */
export interface SessionResult {
  outputs: Record<string, string>;
  handshake: Handshake;
}
