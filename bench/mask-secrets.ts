/**
 * Cost of masking one 1,000-line IOS config (the benchmark pulls 10,000 of them): the driver's own
 * rules alone (what masking cost before the catch-all and fingerprints), the full constant masking,
 * and keyed fingerprints. Run: node --import tsx bench/mask-secrets.ts
 */
import { randomBytes } from 'node:crypto';
import { CISCO_MASKS, CISCO_MASK_KEYWORDS } from '../src/drivers/common/cisco-masks.js';
import { applyLineMasks } from '../src/drivers/common/text.js';
import { ciscoIos } from '../src/drivers/cisco_ios/index.js';
import { fingerprinter } from '../src/secrets/fingerprint.js';
import { generateIosTranscript } from '../src/sim/generate-ios.js';

const outputs = Object.fromEntries(generateIosTranscript({ hostname: 'bench-sw1', lines: 1000 }).commands.map(([c, a]) => [c.trim(), a]));
const config = ciscoIos.parse(outputs).config;
const fp = fingerprinter(randomBytes(32), 'bench-sw1');
const cases: Array<[string, () => string]> = [
  ['vendor rules only (before)', () => applyLineMasks(config, CISCO_MASKS, CISCO_MASK_KEYWORDS)],
  ['maskSecrets constant (after)', () => ciscoIos.maskSecrets(config)],
  ['maskSecrets fingerprint (after)', () => ciscoIos.maskSecrets(config, fp)],
];
// On a shared machine the best of several interleaved batches is the figure that means something.
const runs = 400;
const batches = 7;
console.log(`config: ${config.split('\n').length} lines, ${config.length} bytes; best of ${batches} batches of ${runs}`);
const best = new Map<string, number>();
for (const [, fn] of cases) for (let i = 0; i < 200; i++) fn(); // warm up
for (let b = 0; b < batches; b++) {
  for (const [name, fn] of cases) {
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) fn();
    const us = ((performance.now() - t0) / runs) * 1000;
    best.set(name, Math.min(best.get(name) ?? Infinity, us));
  }
}
for (const [name, us] of best) console.log(`${name.padEnd(34)} ${us.toFixed(1)} µs/config  (${((us * 10_000) / 1e6).toFixed(2)} s per 10,000 devices)`);
