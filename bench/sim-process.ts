/** The simulated fleet in its own process (bench/sim-worker.ts), driven over IPC by the benches. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SimStart {
  devices: number;
  basePort: number;
  latency: number;
  lines: number;
}

export class SimProcess {
  private child = fork(fileURLToPath(new URL('./sim-worker.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  private ask<T>(msg: object): Promise<T> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`simulator process exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m) => {
        this.child.off('exit', onExit);
        resolve(m as T);
      });
      this.child.send(msg);
    });
  }
  start(a: SimStart) {
    return this.ask<{ startMs: number; ports: number[] }>({ cmd: 'start', count: a.devices, basePort: a.basePort, latencyMs: a.latency, lines: a.lines });
  }
  mutate(indices: number[], round: number) {
    return this.ask<{ mutated: number }>({ cmd: 'mutate', indices, round });
  }
  cpu() {
    return this.ask<{ cpu_s: number; rss_mb: number }>({ cmd: 'cpu' });
  }
  stop() {
    return this.ask({ cmd: 'stop' });
  }
}
