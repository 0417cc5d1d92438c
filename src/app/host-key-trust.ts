/**
 * Host-key use cases shared by the CLI (and later the HTTP API): list what each device and jump
 * host trusts, accept the key a device last presented, forget a pin. Every accept and forget is
 * written to the audit table (who, when, old and new fingerprint) in the same transaction.
 */
import type { Config } from '../config/schema.js';
import { trustSettings, type TrustSettings } from '../collect/host-key-policy.js';
import { hostKeyAuditRepo, type PresentedKeyRow } from '../state/hostkey-audit-repo.js';
import type { HostKeyRow, StateDb } from '../store/state.js';
import { entriesFor, hostString } from '../transport/known-hosts.js';
import { loadKnownHosts } from '../transport/known-hosts-file.js';

export type TrustSource = 'host_key' | 'known_hosts' | 'pinned' | 'none';

export interface HostKeyView {
  /** Device name, or `jump:<name>`. */
  id: string;
  policy: 'tofu' | 'strict';
  /** What decides for this target at the next pull. */
  source: TrustSource;
  /** Fingerprints that source accepts (host_key / known_hosts / pin). */
  accepts: string[];
  pinned?: HostKeyRow;
  /** The key refused at the latest contact, when the latest contact was a refusal. */
  refused?: PresentedKeyRow;
  settings: TrustSettings;
}

function targets(cfg: Config): Array<{ id: string; settings: TrustSettings }> {
  const devices = cfg.devices.map((d) => ({ id: d.name, settings: trustSettings(d, cfg) }));
  const jumps = Object.entries(cfg.jump_hosts).map(([name, j]) => ({ id: `jump:${name}`, settings: trustSettings({ host: j.host, port: j.port }, cfg) }));
  return [...devices, ...jumps];
}

export function viewHostKey(state: StateDb, id: string, settings: TrustSettings): HostKeyView {
  const repo = hostKeyAuditRepo(state.db);
  const pinned = state.getHostKey(id);
  const presented = repo.presented(id);
  const refused = presented && (!pinned || presented.lastAt >= pinned.lastSeen) ? presented : undefined;
  let source: TrustSource = settings.policy === 'strict' ? 'none' : pinned ? 'pinned' : 'none';
  let accepts = source === 'pinned' ? [pinned!.fingerprint] : [];
  const kh = settings.knownHosts ? tryLoad(settings.knownHosts) : undefined;
  const listed = kh ? entriesFor(kh, settings.host, settings.port).trusted : [];
  if (settings.hostKey) [source, accepts] = ['host_key', [settings.hostKey]];
  else if (listed.length) [source, accepts] = ['known_hosts', listed.map((e) => e.fingerprint)];
  return { id, policy: settings.policy, source, accepts, pinned, refused, settings };
}

function tryLoad(path: string) {
  try {
    return loadKnownHosts(path);
  } catch {
    return undefined;
  }
}

export function listHostKeys(cfg: Config, state: StateDb): HostKeyView[] {
  return targets(cfg).map((t) => viewHostKey(state, t.id, t.settings));
}

export function findTarget(cfg: Config, id: string): TrustSettings | undefined {
  return targets(cfg).find((t) => t.id === id)?.settings;
}

export interface AcceptResult {
  old?: string;
  new: string;
  /** Set when pinning alone will not let the next pull through (strict policy, host_key, known_hosts). */
  advice?: string;
}

/** Pin the key the target last presented (recorded when it was refused). */
export function acceptHostKey(cfg: Config, state: StateDb, id: string, actor: string, now: Date): AcceptResult {
  const settings = findTarget(cfg, id);
  if (!settings) throw new Error(`unknown device or jump host: ${id}`);
  const repo = hostKeyAuditRepo(state.db);
  const presented = repo.presented(id);
  if (!presented) throw new Error(`${id}: no refused host key recorded; nothing to accept (a refused pull records the key it saw)`);
  const view = viewHostKey(state, id, settings);
  const old = view.pinned?.fingerprint;
  state.db.transaction(() => {
    state.forgetHostKey(id);
    state.pinHostKey(id, presented.keyType, presented.fingerprint, now);
    repo.clearPresented(id);
    repo.record({ device: id, action: 'accept', actor, at: now.toISOString(), oldFingerprint: old ?? null, newFingerprint: presented.fingerprint, note: null });
  })();
  const line = `${hostString(settings.host, settings.port)} ${presented.keyType} ${presented.publicKey}`;
  const advice =
    view.source === 'host_key'
      ? `the device's host_key in ${cfg.file} still decides: set host_key: ${presented.fingerprint}`
      : view.source === 'known_hosts'
        ? `${settings.knownHosts} still decides for this host: replace its line with\n  ${line}`
        : settings.policy === 'strict'
          ? `host_key_policy is strict: a pinned key is not trusted; add host_key: ${presented.fingerprint} to the device, or this line to ${settings.knownHosts ?? 'a known_hosts file'}:\n  ${line}`
          : undefined;
  return { old, new: `${presented.keyType} ${presented.fingerprint}`, advice };
}

/** Forget the pin: the next pull pins whatever key it sees (tofu). */
export function forgetHostKey(state: StateDb, id: string, actor: string, now: Date): { old?: string } {
  const repo = hostKeyAuditRepo(state.db);
  const old = state.getHostKey(id)?.fingerprint;
  state.db.transaction(() => {
    state.forgetHostKey(id);
    repo.record({ device: id, action: 'forget', actor, at: now.toISOString(), oldFingerprint: old ?? null, newFingerprint: null, note: null });
  })();
  return { old };
}
