/** Try every due outbox item once; failures stay queued with backoff (the CLI after a command). */
import { dispatchDue } from '../notify/dispatch.js';
import { defaultSenders } from '../notify/registry.js';
import { channelMap } from '../notify/route.js';
import type { AppContext } from './context.js';

export async function deliverDue(app: Pick<AppContext, 'cfg' | 'state' | 'log' | 'clock' | 'senders'>): Promise<{ delivered: number; deliveryFailures: number }> {
  if (!app.cfg.alerts.length) return { delivered: 0, deliveryFailures: 0 };
  const r = await dispatchDue(app.state, channelMap(app.cfg.alerts), app.senders ?? defaultSenders, app.clock, {
    limit: 1000,
    onError: (item, error) => app.log.warn({ channel: item.channel, device: item.alert.device.name, error }, 'alert delivery failed; will retry'),
  });
  return { delivered: r.delivered, deliveryFailures: r.failed };
}
