/**
 * The benchmark's simulated fleet, in its own process (so its CPU is not driftwatch's).
 * Driven over IPC by bench/run.ts: start, mutate a share of devices, report CPU, stop.
 */
import { startFleet, type Fleet } from '../src/sim/fleet.js';
import { generateIosTranscript } from '../src/sim/generate-ios.js';
import type { Transcript } from '../src/sim/transcript.js';

type Msg =
  | { cmd: 'start'; count: number; basePort: number; latencyMs: number; lines: number }
  | { cmd: 'mutate'; indices: number[]; round: number }
  | { cmd: 'cpu' }
  | { cmd: 'stop' };

let fleet: Fleet | undefined;

/** Deterministic config per device, generated on first use and kept (the sim's memory, not driftwatch's). */
function lazyTranscript(hostname: string, lines: number, seed: number): () => Transcript {
  let t: Transcript | undefined;
  return () => (t ??= generateIosTranscript({ hostname, lines, seed }));
}

process.on('message', async (msg: Msg) => {
  const reply = (m: object) => process.send!(m);
  switch (msg.cmd) {
    case 'start': {
      const width = String(msg.count).length;
      fleet = await startFleet({
        count: msg.count,
        basePort: msg.basePort,
        latencyMs: msg.latencyMs,
        generate: (i) => {
          const hostname = `bench-${String(i + 1).padStart(width, '0')}`;
          return { ...lazyTranscript(hostname, msg.lines, i)(), name: `ios#${hostname}#bench` };
        },
      });
      reply({ ready: true, startMs: fleet.startMs, ports: fleet.devices.map((d) => d.port) });
      break;
    }
    case 'mutate':
      for (const i of msg.indices) {
        fleet!.devices[i]!.mutate('show running-config', (text) =>
          text.replace(/^(hostname .*)$/m, `$1\nusername bench-round-${msg.round} privilege 15 secret 0 changed${msg.round}`),
        );
      }
      reply({ mutated: msg.indices.length });
      break;
    case 'cpu': {
      const u = process.cpuUsage();
      reply({ cpu_s: (u.user + u.system) / 1e6, rss_mb: process.memoryUsage().rss / 1048576 });
      break;
    }
    case 'stop':
      await fleet?.close();
      reply({ stopped: true });
      process.exit(0);
  }
});
