/**
 * Which host keys a pull trusts, decided inside the handshake before any credential is sent:
 *   1. a key marked @revoked in known_hosts: never;
 *   2. the device's `host_key: SHA256:...`, when set: that key only;
 *   3. known_hosts entries for the device's host:port, when there are any: those keys only;
 *   4. `host_key_policy: strict`: nothing else;
 *   5. tofu (default): the key pinned in state, pinning the first key seen.
 * Every refusal records the presented key (so `hostkey accept` can pin it) and is reported.
 */
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Config, Device } from '../config/schema.js';
import { hostKeyAuditRepo } from '../state/hostkey-audit-repo.js';
import type { HostKeyCheck, HostKeyDecision, PresentedKey } from '../transport/host-key.js';
import { entriesFor, hostString } from '../transport/known-hosts.js';
import { knownHostsPath, loadKnownHosts } from '../transport/known-hosts-file.js';

export interface HostKeyStore {
  getHostKey(device: string): { keyType: string; fingerprint: string } | undefined;
  pinHostKey(device: string, keyType: string, fingerprint: string, now: Date): void;
  /** The state's connection (StateDb.db): refused keys are recorded there (HostKeyAuditRepo). */
  readonly db?: Database.Database;
}

export interface HostKeyEvent {
  device: string;
  expected: string;
  presented: string;
}

/** The TOFU check, which is also where stronger sources report what they refused or trusted. */
export interface TofuCheck extends HostKeyCheck {
  refused(key: PresentedKey, expected: string, reason: string): void;
  trusted(key: PresentedKey): void;
}

export function pinOnFirstUse(store: HostKeyStore, device: string, now: () => Date, onMismatch?: (e: HostKeyEvent) => void): TofuCheck {
  const refused = (key: PresentedKey, expected: string, reason: string) => {
    if (store.db) hostKeyAuditRepo(store.db).recordPresented(device, key, reason, now());
    onMismatch?.({ device, expected, presented: `${key.keyType} ${key.fingerprint}` });
  };
  const check = (keyType: string, fingerprint: string, key?: PresentedKey): HostKeyDecision => {
    const pinned = store.getHostKey(device);
    if (!pinned || (pinned.keyType === keyType && pinned.fingerprint === fingerprint)) {
      store.pinHostKey(device, keyType, fingerprint, now());
      return 'accept';
    }
    const expected = `${pinned.keyType} ${pinned.fingerprint}`;
    if (key) refused(key, expected, 'does not match the pinned key');
    else onMismatch?.({ device, expected, presented: `${keyType} ${fingerprint}` });
    return { refuse: `does not match the pinned key ${expected} (if the change is legitimate: driftwatch hostkey accept)` };
  };
  const trusted = (key: PresentedKey) => {
    // Keep state's pin in step with a verified key, but never overwrite a different pin here.
    const pinned = store.getHostKey(device);
    if (!pinned || pinned.fingerprint === key.fingerprint) store.pinHostKey(device, key.keyType, key.fingerprint, now());
  };
  return Object.assign(check, { refused, trusted });
}

export interface TrustSettings {
  policy: 'tofu' | 'strict';
  host: string;
  port: number;
  /** `SHA256:...` from the device's config. */
  hostKey?: string;
  /** Absolute path of the known_hosts file. */
  knownHosts?: string;
}

type TrustConfig = Partial<Pick<Config, 'host_key_policy' | 'known_hosts' | 'file'>>;

export function trustSettings(target: Pick<Device, 'host' | 'port' | 'host_key_policy' | 'host_key'>, cfg: TrustConfig): TrustSettings {
  return {
    policy: target.host_key_policy ?? cfg.host_key_policy ?? 'tofu',
    host: target.host,
    port: target.port,
    hostKey: target.host_key,
    knownHosts: cfg.known_hosts ? knownHostsPath(cfg.known_hosts, cfg.file ? dirname(cfg.file) : process.cwd()) : undefined,
  };
}

/** The full decision for one target: known sources first, then TOFU (`fallback`). */
export function withTrustSources(s: TrustSettings, fallback: HostKeyCheck | TofuCheck): HostKeyCheck {
  const tofu = 'refused' in fallback ? fallback : undefined;
  return (keyType, fingerprint, key) => {
    const refuse = (reason: string, expected: string): HostKeyDecision => {
      if (key) tofu?.refused(key, expected, reason);
      return { refuse: reason };
    };
    const accept = (): HostKeyDecision => {
      if (key) tofu?.trusted(key);
      return 'accept';
    };
    const kh = s.knownHosts ? loadKnownHosts(s.knownHosts) : undefined;
    const found = kh ? entriesFor(kh, s.host, s.port) : { trusted: [], revoked: [] };
    const revoked = found.revoked.find((e) => e.fingerprint === fingerprint);
    if (revoked) return refuse(`is marked @revoked in ${kh!.file}:${revoked.line}`, 'any key but the revoked one');
    if (s.hostKey) return fingerprint === s.hostKey ? accept() : refuse(`does not match host_key ${s.hostKey} in the config`, `host_key ${s.hostKey}`);
    if (found.trusted.length) {
      if (found.trusted.some((e) => e.fingerprint === fingerprint && e.keyType === keyType)) return accept();
      const lines = found.trusted.map((e) => e.line).join(', ');
      return refuse(
        `does not match the key(s) for ${hostString(s.host, s.port)} in ${kh!.file} (line ${lines})`,
        found.trusted.map((e) => `${e.keyType} ${e.fingerprint}`).join(', '),
      );
    }
    if (s.policy === 'strict') {
      const skipped = kh?.problems.length ? ` (${kh.problems.length} unreadable line(s) skipped, first at line ${kh.problems[0]!.line}: ${kh.problems[0]!.message})` : '';
      const where = kh ? `not in ${kh.file}${skipped}` : 'no known_hosts file configured';
      return refuse(`is unknown (host-key-unknown, host_key_policy strict): ${where} and the device has no host_key`, 'a key from known_hosts or host_key (strict policy)');
    }
    return fallback(keyType, fingerprint, key);
  };
}
