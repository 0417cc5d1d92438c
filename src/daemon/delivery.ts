/**
 * Alert delivery apart from the cycles: its own loop on a timer, kicked after every cycle and
 * approval. A slow or hanging channel never delays a cycle (nothing awaits this from a cycle), and
 * on shutdown the loop is given at most the drain time: undelivered alerts stay in the outbox.
 */
import { deliverDue } from '../app/deliver.js';
import type { AppContext } from '../app/context.js';

export class DeliveryLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly app: () => Pick<AppContext, 'cfg' | 'state' | 'log' | 'clock' | 'senders'>,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Deliver what is due now (coalesced: a kick during a run runs once more after it). */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await deliverDue(this.app());
        } catch (err) {
          this.app().log.error({ err: (err as Error).message }, 'alert delivery failed');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stop the timer; wait for a delivery in flight for at most `drainMs`. */
  async stop(drainMs: number): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.running) await Promise.race([this.running, new Promise((r) => setTimeout(r, drainMs).unref())]);
  }
}
