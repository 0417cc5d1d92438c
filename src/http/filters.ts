/** Fleet list filtering and ordering, shared by the API and the overview page (pure). */
import type { DeviceState, DeviceSummary } from './ports.js';

export interface DeviceFilter {
  group?: string;
  tag?: string;
  status?: string;
  /** Substring of the name or host. */
  q?: string;
}

const ORDER: Record<DeviceState, number> = { failing: 0, drifted: 1, never: 2, ok: 3 };

export function filterDevices(all: readonly DeviceSummary[], f: DeviceFilter): DeviceSummary[] {
  const q = f.q?.toLowerCase();
  return all.filter(
    (d) =>
      (!f.group || d.group === f.group) &&
      (!f.tag || d.tags.includes(f.tag)) &&
      (!f.status || d.state === f.status) &&
      (!q || d.name.toLowerCase().includes(q) || d.host.toLowerCase().includes(q)),
  );
}

/** Failing first, then drifted, then never pulled, then fine; by name within each. */
export function worstFirst(list: DeviceSummary[]): DeviceSummary[] {
  return list.sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function countByState(all: readonly DeviceSummary[]): Record<DeviceState | 'total', number> {
  const c = { total: all.length, failing: 0, drifted: 0, never: 0, ok: 0 };
  for (const d of all) c[d.state]++;
  return c;
}

export function pickFilter(q: Record<string, unknown>): DeviceFilter {
  const s = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 200) : undefined);
  return { group: s(q.group), tag: s(q.tag), status: s(q.status), q: s(q.q) };
}
