/**
 * /metrics (Prometheus), /healthz (alive), /readyz (state and store usable, last cycle not older
 * than twice its schedule). A token (any role) is needed unless `http.metrics_public: true`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createTask } from 'node-cron';
import type { Metrics } from '../metrics/metrics.js';
import { requireBearer, type AuthContext } from './auth.js';
import type { ReviewPort } from './ports.js';

/** Interval of a cron expression (between its next two runs); undefined when it cannot be computed. */
export function cronIntervalMs(expression: string): number | undefined {
  try {
    const t = createTask(expression, () => {});
    const [a, b] = t.getNextRuns(2);
    void t.destroy();
    return a && b ? b.getTime() - a.getTime() : undefined;
  } catch {
    return undefined;
  }
}

/** Pure readiness decision. Before the first cycle the process counts as ready for two intervals after start. */
export function readiness(h: { state: boolean; store: boolean; lastCycleAt: Date | null }, now: Date, intervalMs: number | undefined, startedAt: Date): { ready: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (!h.state) reasons.push('state database not usable');
  if (!h.store) reasons.push('git store not usable');
  if (intervalMs) {
    const since = (h.lastCycleAt ?? startedAt).getTime();
    if (now.getTime() - since > 2 * intervalMs) reasons.push(h.lastCycleAt ? `last cycle ended ${h.lastCycleAt.toISOString()}, more than twice the schedule ago` : 'no cycle finished yet');
  }
  return { ready: reasons.length === 0, reasons };
}

export interface HealthOptions {
  metrics: Metrics;
  metricsPublic: boolean;
  schedule(): string;
  now(): Date;
  startedAt: Date;
}

export function registerHealth(app: FastifyInstance, port: ReviewPort, auth: AuthContext, o: HealthOptions): void {
  const guard = (req: FastifyRequest, reply: FastifyReply) => o.metricsPublic || !!requireBearer(auth, req, reply, 'viewer');
  app.get('/metrics', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const { contentType, body } = await o.metrics.exposition();
    return reply.type(contentType).send(body);
  });
  app.get('/healthz', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    return { status: 'ok' };
  });
  app.get('/readyz', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const h = await port.health();
    const r = readiness(h, o.now(), cronIntervalMs(o.schedule()), o.startedAt);
    return reply.code(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not-ready', reasons: r.reasons, last_cycle_at: h.lastCycleAt?.toISOString() ?? null });
  });
}
