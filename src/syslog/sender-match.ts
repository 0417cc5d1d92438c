/**
 * Which device sent this message? First by source address against the devices' hosts (names
 * resolved once, when the receiver starts), then by the hostname the message gives against device
 * names (relays, NAT). Several devices behind one address are narrowed by the hostname when it
 * names one of them. No match: the sender is unknown and its message dropped.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface SenderDevice {
  name: string;
  host: string;
  platform: string;
}

export type Lookup = (host: string) => Promise<string[]>;

const defaultLookup: Lookup = async (host) => (await dnsLookup(host, { all: true })).map((a) => a.address);

/** `::ffff:10.0.0.1` and `10.0.0.1` are one sender; IPv6 case does not matter. */
export function normaliseAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
}

const short = (name: string) => name.toLowerCase().split('.')[0]!;

export class SenderMatcher<D extends SenderDevice = SenderDevice> {
  private readonly byAddress = new Map<string, D[]>();
  private readonly byName = new Map<string, D[]>();

  constructor(devices: readonly D[], resolved: ReadonlyMap<string, readonly string[]> = new Map()) {
    const add = (map: Map<string, D[]>, key: string, d: D) => {
      const list = map.get(key);
      if (!list) map.set(key, [d]);
      else if (!list.includes(d)) list.push(d);
    };
    for (const d of devices) {
      add(this.byAddress, normaliseAddress(d.host), d);
      for (const a of resolved.get(d.host) ?? []) add(this.byAddress, normaliseAddress(a), d);
      add(this.byName, d.name.toLowerCase(), d);
      add(this.byName, short(d.name), d);
    }
  }

  /** Resolve every host name once (IP literals need none); names that do not resolve match by name only. */
  static async build<D extends SenderDevice>(devices: readonly D[], lookup: Lookup = defaultLookup): Promise<{ matcher: SenderMatcher<D>; unresolved: string[] }> {
    const names = [...new Set(devices.map((d) => d.host).filter((h) => !isIP(h)))];
    const resolved = new Map<string, string[]>();
    const unresolved: string[] = [];
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(
        names.slice(i, i + 50).map(async (h) => {
          try {
            resolved.set(h, await lookup(h));
          } catch {
            unresolved.push(h);
          }
        }),
      );
    }
    return { matcher: new SenderMatcher(devices, resolved), unresolved };
  }

  /** The devices this message is from (empty: unknown sender). */
  match(address: string, hostname?: string): D[] {
    const host = hostname?.toLowerCase();
    const named = host ? (this.byName.get(host) ?? this.byName.get(short(host)) ?? []) : [];
    const byAddress = this.byAddress.get(normaliseAddress(address)) ?? [];
    if (!byAddress.length) return named;
    const narrowed = byAddress.filter((d) => named.includes(d));
    return narrowed.length ? narrowed : byAddress;
  }
}
