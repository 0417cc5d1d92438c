/** The resolved device every other module works with. */
import type { CredentialSet } from '../config/schema.js';

/** A device after defaults were applied and its platform and credentials resolved. */
export interface Device {
  name: string;
  host: string;
  port: number;
  /** Canonical platform id (aliases resolved). */
  platform: string;
  group?: string;
  tags: string[];
  credentials: CredentialSet;
  /** Name of the credential set (for messages; never the secret values). */
  credentialsName: string;
  ignore: string[];
  /** The bastion this device is reached through, credentials resolved. */
  jump?: { name: string; host: string; port: number; credentials: CredentialSet; credentialsName: string };
  files?: string[];
  commands?: string[];
  /** The device sends config-change syslog messages: a change without one is marked (logging tampered with?). */
  announces_changes?: boolean;
  /** Also offer legacy SSH algorithms (warned at every pull). */
  legacy_algorithms?: boolean;
  host_key_policy?: 'tofu' | 'strict';
  /** Pinned fingerprint `SHA256:...` from the inventory: any other key is refused. */
  host_key?: string;
}

