/** Seeded randomness and small value makers for the generated IOS configs (deterministic test data). */

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const CRYPT = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const ROLES = ['USERS', 'VOICE', 'PRINTERS', 'CAMERAS', 'AP-MGMT', 'SERVERS', 'LAB', 'GUEST', 'IOT', 'BMS'];
export const PORTS = [22, 23, 53, 80, 123, 161, 443, 514, 636, 3389, 8080, 8443];

export class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chars(n: number, alphabet = CRYPT): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  digits(n: number): string {
    return this.chars(n, '0123456789');
  }
}

export function stamp(r: Rand, year: number): string {
  const h = String(r.int(0, 23)).padStart(2, '0');
  const m = String(r.int(0, 59)).padStart(2, '0');
  const s = String(r.int(0, 59)).padStart(2, '0');
  return `${h}:${m}:${s} UTC ${r.pick(DAYS)} ${r.pick(MONTHS)} ${r.int(1, 28)} ${year}`;
}

export const secret9 = (r: Rand) => `$9$${r.chars(14)}$${r.chars(43)}`;
