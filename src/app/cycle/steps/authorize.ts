/**
 * Drift first seen now, inside an open maintenance window of its device or covered by an expected
 * change (ticket), is authorized: the decision then moves the baseline and raises a notice. An
 * already open drift is never authorized after the fact (lifecycle.ts). Expectations that ended
 * without any change get one notice each.
 */
import { authorizeDriftResult } from '../../../authorize/context.js';
import { expiredUnused, markExpiredNotified, recordExpectationUse } from '../../../authorize/expectations.js';
import { expectationsRepo } from '../../../state/expectations-repo.js';
import { expectationExpiredNotice } from '../../alerts.js';
import type { CycleStep } from '../record.js';

export const authorize: CycleStep = {
  name: 'authorize',
  run(records, ctx) {
    const now = ctx.clock();
    const repo = expectationsRepo(ctx.state);
    for (const r of records) {
      if (!r.comparison?.drifted || r.open) continue;
      const a = authorizeDriftResult(r.device, r.comparison, ctx.authorization, now);
      if (!a.authorized) {
        if (a.notes.length) r.authorizationNotes = a.notes;
        continue;
      }
      const ids = a.via === 'expectation' ? a.expectations.map((e) => e.id) : [];
      r.authorization = { by: a.by, note: a.notice, ...(a.via === 'window' ? { window: a.window } : { ticket: a.tickets.join(', '), expectationIds: ids }) };
      if (ids.length) ctx.inTransaction.push(() => recordExpectationUse(repo, ids, r.device.name, now, r.current ?? null));
    }
    const expired = expiredUnused(repo, now);
    for (const e of expired) ctx.systemAlerts.push(expectationExpiredNotice(e.expectation, e.notice, now));
    if (expired.length) ctx.inTransaction.push(() => markExpiredNotified(repo, expired.map((e) => e.expectation.id), now));
  },
};
