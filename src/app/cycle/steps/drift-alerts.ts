/** The alerts (and notices) each drift decision raises. Pure over the records. */
import { authorizedNotice, driftAlert, resolvedAlert } from '../../alerts.js';
import type { CycleStep } from '../record.js';
import { driftLink } from '../../../http/link.js';

export const driftAlerts: CycleStep = {
  name: 'drift-alerts',
  run(records, ctx) {
    const now = ctx.clock();
    const publicUrl = (ctx.cfg as { http?: { public_url?: string } }).http?.public_url;
    for (const r of records) {
      const d = r.decision;
      if (!d) continue;
      const commits = { baseline: r.baseline ?? '', current: r.current ?? '' };
      const context = { claim: r.claim, unannounced: r.unannounced, baselineAt: r.baselineAt, notes: r.authorizationNotes };
      if (d.action === 'open') r.alerts.push(driftAlert('drift-new', r.device, r.comparison!, commits, now, r.pull.changedBy, context));
      else if (d.action === 'update') r.alerts.push(driftAlert('drift-updated', r.device, r.comparison!, commits, now, r.pull.changedBy, context));
      else if (d.action === 'resolve' || (d.action === 'advance-baseline' && d.resolveId !== undefined)) r.alerts.push(resolvedAlert(r.device, r.current, now, r.baseline));
      else if (d.action === 'authorize') r.alerts.push(authorizedNotice(r.device, r.comparison!, commits, d.authorization, now, r.pull.changedBy));
      // Every alert about a drift links to its review item when the web page has a public URL.
      const link = driftLink(publicUrl, r.device.name);
      if (link) for (const a of r.alerts) a.link ??= link;
    }
  },
};
