import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { answerFor } from '../../src/sim/transcript.js';
for (const lines of [50, 120, 150, 1000, 5000, 50000]) {
  const t0 = performance.now();
  const t = generateIosTranscript({ hostname: 'sw1', lines, seed: 7 });
  const ms = performance.now() - t0;
  const rc = answerFor(t, 'show running-config')!;
  const body = rc.split('\n').slice(1, -2);
  console.log(lines, body.length, body[0], body.at(-1), ms.toFixed(1) + 'ms', rc.length);
}
const t = generateIosTranscript({ hostname: 'sw1', lines: 300, seed: 7 });
console.log(answerFor(t, 'show running-config'));
console.log(answerFor(t, 'show inventory'));
