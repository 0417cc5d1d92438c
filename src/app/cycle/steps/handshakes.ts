/**
 * The SSH handshake of each successful pull (negotiated and offered algorithms, host key) kept
 * as the device's latest, for `status` and the API: saved with the cycle's other state writes.
 */
import { handshakeRepo } from '../../../state/handshake-repo.js';
import type { CycleStep } from '../record.js';

export const handshakes: CycleStep = {
  name: 'handshakes',
  run(records, ctx) {
    const seen = records.filter((r) => r.pull.handshake);
    if (!seen.length) return;
    const now = ctx.clock();
    const repo = handshakeRepo(ctx.state.db);
    ctx.inTransaction.push(() => {
      for (const r of seen) repo.record(r.device.name, r.pull.handshake!, now);
    });
  },
};
