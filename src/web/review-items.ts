/** Gather what the review page shows for each open drift: its diff (baseline -> current of the drift record) and attribution. */
import type { DriftItem, ReviewPort } from '../http/ports.js';
import type { ReviewItem } from './review.js';

export async function reviewItems(port: ReviewPort, open: DriftItem[]): Promise<ReviewItem[]> {
  return Promise.all(
    open.map(async (drift): Promise<ReviewItem> => {
      try {
        const diff = await port.diff(drift.device, drift.baselineCommit ?? 'baseline', drift.currentCommit ?? 'HEAD');
        const rev = (await port.history(drift.device, 20)).find((h) => h.commit === drift.currentCommit);
        // TODO(expectations): the covering ticket, once src/authorize/expectations.ts is wired.
        return { drift, diff, attribution: rev?.attribution ?? {}, ticket: null };
      } catch (err) {
        return { drift, diff: null, attribution: {}, ticket: null, error: (err as Error).message };
      }
    }),
  );
}
