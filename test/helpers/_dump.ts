import { getDriver } from '/work/main/src/drivers/registry.js';
import { tnsr } from '/work/main/src/drivers/tnsr/index.js';
import { loadTranscript } from '/work/main/src/sim/transcript.js';
import { replayOutputs } from '/work/main/test/helpers/replay.js';
import { readdirSync } from 'node:fs';
import type { Driver } from '/work/main/src/drivers/types.js';
const dir = '/work/shared/fixtures/device-transcripts/';
const [model, id, full] = process.argv.slice(2);
const mods = await import(`/work/main/src/drivers/${id}/index.js`);
const d = Object.values(mods).find((v: any) => v && typeof v === 'object' && 'parse' in v) as Driver;
for (const f of readdirSync(dir).filter((f) => f.startsWith(model + '#') && f.endsWith('#simulation.yaml'))) {
  const outputs = replayOutputs(loadTranscript(dir + f), d.session, d.commands);
  try {
    const r = d.parse(outputs);
    const m = d.maskSecrets(r.config);
    console.log('==', f, JSON.stringify(r.facts));
    console.log(full ? m : m.split('\n').slice(0, 6).join('\n'));
  } catch (e) { console.log('==', f, 'ERR', e); }
}
