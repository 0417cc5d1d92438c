/**
 * Syslog context for each drift: the claim that triggered the pull (who, from where: unverified,
 * it only ever adds a label), and "not announced": a device that announces its config changes
 * (or is marked `announces_changes: true`) changed without any config-change message since its
 * last pull. That is how an intruder who turned logging off first looks; the alert becomes critical.
 */
import { eventsRepo } from '../../../state/events-repo.js';
import { checkUnannounced } from '../../../syslog/unannounced.js';
import type { CycleStep } from '../record.js';

export const announcements: CycleStep = {
  name: 'announcements',
  run(records, ctx) {
    const now = ctx.clock();
    const events = eventsRepo(ctx.state.db);
    for (const r of records) {
      r.claim = ctx.claims.get(r.device.name);
      const d = r.decision?.action;
      if (d !== 'open' && d !== 'update') continue;
      const previous = r.before?.last_pull_at ? new Date(r.before.last_pull_at) : undefined;
      const verdict = checkUnannounced(events, r.device, previous, now);
      if (verdict.unannounced) r.unannounced = verdict.note;
    }
  },
};
