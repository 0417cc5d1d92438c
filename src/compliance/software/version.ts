/**
 * Network OS version comparison that understands the vendors' own shapes: 17.9.4a (IOS-XE rebuild),
 * 15.2(7)E3 (IOS train and rebuild), 7.3.2 (XR), 10.2.9-h1 (PAN-OS hotfix), 22.4R3-S2.11 (Junos
 * service release), 9.3(10) (NX-OS), 7.4.7 build2731 (FortiOS). Pure.
 */
type Part = number | string;

export function versionParts(v: string): Part[] {
  const parts: Part[] = [];
  for (const m of v.trim().toLowerCase().matchAll(/\d+|[a-z]+/g)) parts.push(/^\d/.test(m[0]) ? Number(m[0]) : m[0]);
  // FortiOS "build2731" and "(GA)" style words carry no ordering beyond the numbers.
  return parts.filter((p) => p !== 'build' && p !== 'ga' && p !== 'v');
}

/** Negative when a < b, 0 when equal, positive when a > b. A suffix (a, -h1, -S2) is newer than none. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
    // A number where the other has letters: the numbered one is the later maintenance release.
    return typeof x === 'number' ? 1 : -1;
  }
  return 0;
}

const CMP = /^(<=|>=|==|!=|<|>)\s*(.+)$/;

/** `value` against a condition like `<16.0` or `>=17.9.4a`; throws on a malformed condition. */
export function satisfiesVersion(value: string, condition: string): boolean {
  const m = CMP.exec(condition.trim());
  if (!m) throw new Error(`bad version condition ${JSON.stringify(condition)} (expected e.g. "<16.0")`);
  return compareWith(compareVersions(value, m[2]!), m[1]!);
}

export function compareWith(diff: number, op: string): boolean {
  switch (op) {
    case '<': return diff < 0;
    case '<=': return diff <= 0;
    case '>': return diff > 0;
    case '>=': return diff >= 0;
    case '==': return diff === 0;
    default: return diff !== 0;
  }
}

/** A numeric condition like `>10` applied to a number. */
export function satisfiesNumber(value: number, condition: string): boolean {
  const m = CMP.exec(condition.trim());
  if (!m || !Number.isFinite(Number(m[2]))) throw new Error(`bad comparison ${JSON.stringify(condition)} (expected e.g. ">10")`);
  return compareWith(value - Number(m[2]), m[1]!);
}
