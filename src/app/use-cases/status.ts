/** What `status` and the API's device list show: one entry per device of the inventory. */
import { snapshotPath } from '../../collect/snapshot-path.js';
import type { Config } from '../../config/schema.js';
import type { DriftRow, StateDb } from '../../store/state.js';
import { complianceRepo } from '../../state/compliance-repo.js';
import { handshakeRepo, type StoredHandshake } from '../../state/handshake-repo.js';
import { getDriver, resolvePlatform } from '../../drivers/registry.js';
import { attributionSource } from '../../drivers/common/attribution.js';

export interface DeviceStatus {
  name: string;
  platform: string;
  group: string | null;
  tags: string[];
  host: string;
  path: string;
  last_pull: string | null;
  result: string | null;
  error_kind: string | null;
  error: string | null;
  commit: string | null;
  consecutive_failures: number;
  facts: Record<string, unknown>;
  /** Hardening score 0-100 of the latest evaluated snapshot (null before the first). */
  compliance_score: number | null;
  /** Open unauthorized drift, if any. */
  drift: { id: number; severity: string; added: number; removed: number; since: string } | null;
  /** The last successful pull's SSH handshake: negotiated and offered algorithms, host key (null before the first; always set by deviceStatuses). */
  handshake?: StoredHandshake | null;
  /**
   * Where the platform says who changed the config: `config` (a header in the config text), the
   * command run when the config changed, or `none`. Always set by deviceStatuses.
   */
  attribution?: string;
}

export function deviceStatuses(app: { cfg: Config; state: StateDb }): DeviceStatus[] {
  const rows = new Map(app.state.deviceStatus().map((r) => [r.name, r]));
  const open = new Map(app.state.listOpenDrift().map((d) => [d.device, d]));
  const scores = complianceRepo(app.state).scores();
  const handshakes = handshakeRepo(app.state.db).all();
  return app.cfg.devices.map((d) => {
    const r = rows.get(d.name);
    return {
      name: d.name,
      platform: d.platform,
      group: d.group ?? null,
      tags: d.tags,
      host: d.host,
      path: snapshotPath(d),
      last_pull: r?.last_pull_at ?? null,
      result: r?.last_result ?? null,
      error_kind: r?.last_error_kind ?? null,
      error: r?.last_error ?? null,
      commit: r?.last_commit ?? null,
      consecutive_failures: r?.consecutive_failures ?? 0,
      facts: r?.facts ?? {},
      compliance_score: scores.get(d.name)?.score ?? null,
      drift: driftSummary(open.get(d.name)),
      handshake: handshakes.get(d.name) ?? null,
      attribution: platformAttribution(d.platform),
    };
  });
}

function platformAttribution(platform: string): string {
  return resolvePlatform(platform) ? attributionSource(getDriver(platform).attribution) : 'none';
}

function driftSummary(d: DriftRow | undefined): DeviceStatus['drift'] {
  return d ? { id: d.id, severity: d.severity, added: d.added, removed: d.removed, since: d.firstSeen } : null;
}

/** Every open drift, oldest first (also of devices since removed from the inventory: someone must close them). */
export function openDrift(app: { state: StateDb }): DriftRow[] {
  return app.state.listOpenDrift();
}
