// Scratch: transcript variants to confirm diagnoses (not a committed test).
import { SimDevice } from './src/sim/device.ts';
import { loadTranscript, type Transcript } from './src/sim/transcript.ts';
import { collectOutputs } from './src/transport/session.ts';
import { getDriver, resolvePlatform } from './src/drivers/registry.ts';
const T = '/work/shared/fixtures/device-transcripts/';
async function run(t: Transcript, label: string, opts: Record<string, unknown> = {}) {
  const d = getDriver(resolvePlatform(t.model)!);
  const dev = await new SimDevice({ transcript: t, ...opts }).start();
  try {
    const out = await collectOutputs({ target: { host: '127.0.0.1', port: dev.port, username: 'admin', password: 'admin' }, timeouts: { connectMs: 5000, authMs: 5000, idleMs: 2000 }, checkHostKey: () => 'accept' }, d.session, d.commands);
    const r = d.parse(out);
    console.log('OK', label, JSON.stringify(r.facts), r.config.split('\n').length);
  } catch (e: any) { console.log('FAIL', label, e.kind, e.message); } finally { await dev.close(); }
}
// VyOS without the keypad escapes: does the rest work?
const v = loadTranscript(T + 'vyos#Supermicro_1.4.3#simulation.yaml');
await run({ ...v, commands: v.commands.map(([c, a]) => [c, a.replace(/\x1b[=>]/g, '')]) }, 'vyos without ESC = / ESC >');
// FortiGate with the recorded pager key merged into one answer, then paged by the simulator instead.
for (const f of ['fortigate#FortiGate-91G_7.4.7', 'fortigate#FortiGate-501E_vdomHAdown']) {
  const t = loadTranscript(T + f + '#simulation.yaml');
  const merged: Array<[string, string]> = [];
  for (const [c, a] of t.commands) {
    if (c === ' ') merged[merged.length - 1]![1] = merged[merged.length - 1]![1].replace(/--More--\s*$/, '') + a;
    else merged.push([c, a]);
  }
  await run({ ...t, commands: merged }, f + ' merged');
  await run({ ...t, commands: merged }, f + ' merged, sim pager 10 lines, crlf', { pageLines: 10, crlf: true });
}
process.exit(0);
