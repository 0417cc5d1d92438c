import type { HostKeyCheck } from './host-key.js';

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
  jump?: { name: string; target: SshTarget; checkHostKey: HostKeyCheck };
  timeouts: SshTimeouts;
  checkHostKey: HostKeyCheck;
  /** Aborts the whole session (per-device deadline, daemon shutdown). */
  signal?: AbortSignal;
}
