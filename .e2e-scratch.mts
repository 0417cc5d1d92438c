import { SimDevice } from '/work/main/src/sim/device.ts';
import { loadTranscript } from '/work/main/src/sim/transcript.ts';
import { collectOutputs } from '/work/main/src/transport/session.ts';
import { getDriver, resolvePlatform } from '/work/main/src/drivers/registry.ts';
const files = process.argv.slice(2);
for (const file of files) {
  const t = loadTranscript(file);
  const d = getDriver(resolvePlatform(t.model)!);
  const dev = await new SimDevice({ transcript: t, crlf: process.env.CRLF === '1', pageLines: Number(process.env.PAGE ?? 0) }).start();
  const started = Date.now();
  try {
    const out = await collectOutputs(
      { target: { host: '127.0.0.1', port: dev.port, username: 'admin', password: 'admin' }, timeouts: { connectMs: 5000, authMs: 5000, idleMs: 3000 }, checkHostKey: () => 'accept' },
      d.session, d.commands);
    const r = d.parse(out);
    console.log('OK', t.name, Date.now() - started, 'ms', JSON.stringify(r.facts), r.config.split('\n').length, 'lines');
  } catch (e: any) {
    console.log('FAIL', t.name, Date.now() - started, 'ms', e.kind, e.message);
  } finally { await dev.close(); }
}
process.exit(0);
