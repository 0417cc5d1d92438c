import { conformanceCases } from './test/helpers/conformance-cases.js';
import { replayOutputs } from './test/helpers/replay.js';
import { loadTranscript } from './src/sim/transcript.js';
for (const c of conformanceCases().cases) {
  if (!c.name.includes(process.argv[2]!)) continue;
  const parsed = c.driver.parse(replayOutputs(loadTranscript(c.path), c.driver.session, c.driver.commands));
  console.log(c.driver.maskSecrets(parsed.config));
}
