/** Invariants over what receivers got: one id per alert, every injected change alerted. */
import type { Received } from './receiver.js';

/** The same event (kind, device, commit) always carries one id, and one id always names one event. */
export function idsConsistent(alerts: readonly Received[]): string[] {
  const problems: string[] = [];
  const idOf = new Map<string, string>();
  const eventOf = new Map<string, string>();
  for (const a of alerts) {
    if (a.kind === 'unparsable') problems.push('a webhook body was not JSON');
    if (a.headerId !== a.id) problems.push(`header id ${a.headerId} differs from body id ${a.id}`);
    const event = `${a.kind} ${a.device} ${a.commit ?? a.summary}`;
    if (!a.kind.startsWith('drift-')) continue;
    const known = idOf.get(event);
    if (known && known !== a.id) problems.push(`${event.slice(0, 80)} alerted under two ids (${known.slice(0, 8)}, ${a.id.slice(0, 8)})`);
    idOf.set(event, a.id);
    const ev = eventOf.get(a.id);
    if (ev && ev !== event) problems.push(`id ${a.id.slice(0, 8)} names two events`);
    eventOf.set(a.id, event);
  }
  return [...new Set(problems)];
}

/** Each marker (an injected line) appears as an added line in a drift alert for its device. */
export function markersAlerted(alerts: readonly Received[], markers: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [marker, device] of markers) {
    const hit = alerts.some((a) => a.device === device && a.kind.startsWith('drift-') && (a.diff ?? '').split('\n').some((l) => l.startsWith('+') && l.includes(marker)));
    if (!hit) problems.push(`change "${marker}" on ${device} never alerted`);
  }
  return problems;
}

/** Alerts counted by kind, e.g. { 'drift-new': 3 }. */
export function byKind(alerts: readonly Received[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of alerts) out[a.kind] = (out[a.kind] ?? 0) + 1;
  return out;
}

export function distinctIds(alerts: readonly Received[], kind: string): number {
  return new Set(alerts.filter((a) => a.kind === kind).map((a) => a.id)).size;
}
