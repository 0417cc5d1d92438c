/** Which shard a device belongs to: FNV-1a of its name, so the split is stable across hosts and restarts. */
export function shardOf(name: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/** Keep the devices of shard `spec` (`i/n`); all of them when no shard is set. */
export function inShard<T extends { name: string }>(devices: T[], spec: string | undefined): T[] {
  if (!spec) return devices;
  const [i, n] = spec.split('/').map(Number) as [number, number];
  return devices.filter((d) => shardOf(d.name, n) === i);
}
