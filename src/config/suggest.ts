/** "did you mean ...": the nearest known word by edit distance, and hints for other tools' keys. */

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment): `hots` is 1 from `host`. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate, if close enough to be a typo (at most a third of the word, at least 1 edit allowed). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** Keys people bring from Oxidized and RANCID inventories, on a device or in defaults. */
const DEVICE_KEY_HINTS: Record<string, string> = {
  model: "Oxidized's model: is platform: here (e.g. platform: ios)",
  ip: 'use host: (an address or a DNS name)',
  hostname: 'use host: for the address, name: for the device name',
  username: 'put username/password in a named set under credentials: and write credentials: <set>',
  password: 'put username/password in a named set under credentials: and write credentials: <set>',
};

/** The advice for an unknown key: a hint for a known foreign key, or the nearest valid key. */
export function unknownKeyAdvice(key: string, known: readonly string[], isDeviceRecord: boolean): string {
  const hint = isDeviceRecord ? DEVICE_KEY_HINTS[key.toLowerCase()] : undefined;
  if (hint && !known.includes(key)) return hint;
  const near = nearest(key, known);
  return near ? `did you mean ${near}?` : `known keys: ${known.join(', ')}`;
}
