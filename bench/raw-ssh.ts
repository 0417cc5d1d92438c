/**
 * The ceiling: plain ssh2 with no driftwatch code on top. Connect, authenticate, open one shell
 * channel, ask for the running config, read until the prompt comes back, close. No parsing, no
 * git, no SQLite. Same concurrency as the driftwatch cycles.
 */
import { Client } from 'ssh2';

export interface RawTarget {
  host: string;
  port: number;
}

function fetchOne(t: RawTarget, prompt: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on('error', reject);
    c.on('connect', () => c.setNoDelay(true)); // as the driftwatch transport does, so the ceiling is fair
    c.on('ready', () => {
      c.shell({ term: 'vt100', rows: 0, cols: 511, width: 0, height: 0 }, (err, ch) => {
        if (err) return reject(err);
        let tail = '';
        let sent = false;
        ch.on('data', (d: Buffer) => {
          tail = (tail + d.toString('latin1')).slice(-256);
          if (!tail.endsWith(prompt)) return;
          if (!sent) {
            sent = true;
            tail = '';
            ch.write('show running-config\n');
          } else {
            c.end();
            resolve((performance.now() - started) / 1000);
          }
        });
      });
    });
    c.connect({ host: t.host, port: t.port, username: 'admin', password: 'admin', hostVerifier: () => true, readyTimeout: 60_000 });
  });
}

export async function rawThroughput(targets: RawTarget[], concurrency: number, promptOf: (i: number) => string): Promise<{ wall_s: number; durations: number[]; failures: number }> {
  const durations: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < targets.length) {
        const i = next++;
        try {
          durations.push(await fetchOne(targets[i]!, promptOf(i)));
        } catch {
          failures++;
        }
      }
    }),
  );
  return { wall_s: (performance.now() - started) / 1000, durations, failures };
}
