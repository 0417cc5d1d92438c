/** Diff + classification of a 100,000-line config with 1% of its lines changed (the drift engine alone). */
import { compareConfigs } from '../src/drift/compare.js';
import { ciscoIos } from '../src/drivers/cisco_ios/index.js';

export function diffMicrobench(lines = 100_000, share = 0.01, runs = 7) {
  const base: string[] = [];
  for (let i = 0; i < lines; i++) base.push(i % 8 === 0 ? `interface GigabitEthernet${Math.floor(i / 8)}/0/1` : ` description link ${i} to rack ${i % 97}`);
  const every = Math.round(1 / share);
  const current = base.map((l, i) => (i % every === every / 2 ? `${l} changed` : l));
  const a = base.join('\n') + '\n';
  const b = current.join('\n') + '\n';
  const times: number[] = [];
  let result = compareConfigs(a, b, { ignore: ciscoIos.ignore, knowledge: ciscoIos.drift });
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    result = compareConfigs(a, b, { ignore: ciscoIos.ignore, knowledge: ciscoIos.drift });
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { lines, changed_lines: Math.round(lines * share), runs, ms_median: Math.round(times[runs >> 1]!), ms_max: Math.round(times[runs - 1]!), added: result.added, removed: result.removed };
}
