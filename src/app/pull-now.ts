/** A cycle and then one delivery attempt of what is due: `driftwatch pull`, tests, the benchmark. */
import type { Device } from '../config/schema.js';
import type { AppContext } from './context.js';
import { runCycle, type CycleOptions, type CycleReport } from './cycle/run-cycle.js';
import { deliverDue } from './deliver.js';

export interface PullReport extends CycleReport {
  delivered: number;
  deliveryFailures: number;
}

export async function pullAndDeliver(app: AppContext, devices: readonly Device[], opts: CycleOptions = {}): Promise<PullReport> {
  const report = await runCycle(app, devices, opts);
  return { ...report, ...(await deliverDue(app)) };
}
