/**
 * `npm run demo`: driftwatch end to end on simulated devices, no setup. Starts three generated
 * Cisco IOS devices and a local webhook sink on 127.0.0.1, pulls, makes an unauthorized change on
 * one device, shows the diff and the alert, approves it, and leaves the store for `git log -p`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { SimDevice } from '../sim/device.js';
import { generateIosTranscript } from '../sim/generate-ios.js';

const BIN = fileURLToPath(new URL('../../bin/driftwatch.js', import.meta.url));
const say = (text: string) => process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);

/** Run the real CLI in a child process (asynchronously: the simulated devices live in this process). */
function driftwatch(args: string[], config: string): Promise<number> {
  process.stdout.write(`$ driftwatch ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\n`);
  const child = spawn(process.execPath, [BIN, ...args, '--config', config], {
    stdio: 'inherit',
    env: { ...process.env, DEMO_PASSWORD: 'admin', DRIFTWATCH_LOG_LEVEL: 'error' },
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      process.stdout.write(`(exit ${code})\n`);
      resolve(code ?? 1);
    }),
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-demo-'));
  const names = ['core-sw1', 'core-sw2', 'edge-r1'];
  const devices = await Promise.all(
    names.map((name, i) => new SimDevice({ transcript: generateIosTranscript({ hostname: name, lines: 400, seed: i }), name, latencyMs: 20 }).start()),
  );

  // A local webhook sink: prints what an alerting system would receive.
  const received: string[] = [];
  const sink = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const sinkPort = (sink.address() as AddressInfo).port;

  const config = join(dir, 'devices.yaml');
  writeFileSync(
    config,
    stringify({
      store: './store',
      state: './driftwatch.db',
      credentials: { sim: { username: 'admin', password: '${DEMO_PASSWORD}' } },
      defaults: { platform: 'cisco_ios', credentials: 'sim', host: '127.0.0.1' },
      devices: devices.map((d, i) => ({ name: names[i], port: d.port, group: i < 2 ? 'core' : 'edge' })),
      alerts: [{ type: 'webhook', name: 'demo-sink', url: `http://127.0.0.1:${sinkPort}/driftwatch`, secret: 'demo-secret' }],
    }),
  );

  try {
    say(`3 simulated Cisco IOS devices on 127.0.0.1 (ports ${devices.map((d) => d.port).join(', ')}); config ${config}`);
    await driftwatch(['pull'], config);

    say('Someone logs in to core-sw1: adds a privilege-15 user and enables telnet on the vty lines');
    devices[0]!.mutate('show running-config', (text) =>
      text
        .replace(/^(username netops .*)$/m, '$1\nusername backdoor privilege 15 secret 0 hunter2')
        .replace(/^(line vty 0 4\n(?: .*\n)*?) transport input ssh$/m, '$1 transport input ssh telnet')
        .replace(/^! Last configuration change at .*$/m, `! Last configuration change at ${new Date().toUTCString()} by mallory`),
    );
    const code = await driftwatch(['pull'], config);
    process.stdout.write(code === 3 ? 'exit 3: unauthorized drift is open\n' : `unexpected exit ${code}\n`);

    say('The diff against the approved baseline (secrets masked, hunks labelled by section)');
    await driftwatch(['diff', 'core-sw1'], config);

    say(`The alert as the webhook sink received it (${received.length} message${received.length === 1 ? '' : 's'})`);
    for (const body of received) {
      const alert = JSON.parse(body) as { kind: string; severity: string; summary: string; device: { name: string }; sections?: string[]; attribution?: { user?: string; at?: string } };
      process.stdout.write(`${alert.kind} ${alert.severity} ${alert.device.name}: ${alert.summary}\n  sections: ${alert.sections?.join(' | ')}\n`);
      if (alert.attribution) process.stdout.write(`  changed by: ${alert.attribution.user} at ${alert.attribution.at} (as the device reports it)\n`);
    }

    say('The change was reviewed (ticket CHG-1042): approve it');
    await driftwatch(['approve', 'core-sw1', '--by', 'alice', '--message', 'CHG-1042 emergency access, approved by SecOps'], config);
    await driftwatch(['pull'], config);
    await driftwatch(['drift'], config);

    say('History is plain git');
    process.stdout.write(`store: ${join(dir, 'store')}\ntry:   git -C ${join(dir, 'store')} log -p -- core/core-sw1.cfg\n       git -C ${join(dir, "store")} show-ref | grep baselines\n`);
    spawnSync('git', ['-C', join(dir, 'store'), 'log', '--oneline', '--decorate=short', '-n', '8'], { stdio: 'inherit' });
  } finally {
    await Promise.all(devices.map((d) => d.close()));
    sink.close();
  }
}

await main();
