/**
 * The HTTP server (fastify): API, review page, metrics, health. Started by the daemon when
 * `http` is configured. It reads state on a SQLite connection of its own, and git through a Gate,
 * so a busy page never stalls the pull cycle's transactions.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { RateLimiter } from '../auth/rate-limit.js';
import { SessionStore } from '../auth/sessions.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../core/log.js';
import { metrics as processMetrics, type Metrics } from '../metrics/metrics.js';
import { AuditRepo } from '../state/audit-repo.js';
import { TokensRepo } from '../state/tokens-repo.js';
import type { Archive } from '../store/archive.js';
import { StateDb } from '../store/state.js';
import { registerWeb } from '../web/routes.js';
import { registerApi } from './api-routes.js';
import type { AuthContext } from './auth.js';
import { installErrorHandling, securityHeaders } from './errors.js';
import { fleetSource } from './fleet-gauges.js';
import { registerHealth } from './health-routes.js';
import { createReviewPort } from './port-adapter.js';
import type { ReviewPort } from './ports.js';

export interface HttpServerOptions {
  config(): Config;
  archive: Archive;
  log: Logger;
  now?: () => Date;
  metrics?: Metrics;
  /** Replace the adapter (the lead's app layer, or tests). */
  port?: ReviewPort;
  /** Override http.listen (tests: 127.0.0.1:0). */
  listen?: string;
  /** Failed logins allowed per address per minute. */
  loginAttemptsPerMinute?: number;
}

export interface HttpServer {
  url: string;
  port: number;
  app: FastifyInstance;
  sessions: SessionStore;
  close(): Promise<void>;
}

export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(listen);
  if (!m || Number(m[3]) > 65535) throw new Error(`http.listen must be host:port, e.g. 127.0.0.1:8080 (got ${JSON.stringify(listen)})`);
  return { host: m[1] ?? m[2]!, port: Number(m[3]) };
}

export async function startHttpServer(o: HttpServerOptions): Promise<HttpServer> {
  const cfg = o.config();
  const http = cfg.http ?? { listen: '127.0.0.1:8080', metrics_public: false, session_minutes: 480 };
  const now = o.now ?? (() => new Date());
  const m = o.metrics ?? processMetrics;
  const { host, port: listenPort } = parseListen(o.listen ?? http.listen);
  const cfgDir = dirname(cfg.file);
  const readPem = (key: 'cert' | 'key', path: string) => {
    try {
      return readFileSync(resolve(cfgDir, path));
    } catch (err) {
      throw new Error(`${cfg.file}: http.tls.${key}: cannot read ${resolve(cfgDir, path)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  };
  const tls = http.tls ? { cert: readPem('cert', http.tls.cert), key: readPem('key', http.tls.key) } : undefined;

  const state = StateDb.open(cfg.state); // the server's own connection
  const tokens = new TokensRepo(state.db);
  const audit = new AuditRepo(state.db);
  const sessions = new SessionStore(http.session_minutes * 60_000, now);
  const auth: AuthContext = { tokens, sessions, now };
  const port = o.port ?? createReviewPort({ config: o.config, state, archive: o.archive, now, lastCycleAt: () => m.lastCycleEnd });

  // trustProxy off: the audit log records the peer address, never a client-supplied X-Forwarded-For.
  const base = { logger: false, bodyLimit: 64 * 1024, trustProxy: false } as const;
  // The https variant has a different server type parameter; routes do not care which.
  const app = (tls ? Fastify({ ...base, https: tls }) : Fastify(base)) as unknown as FastifyInstance;
  installErrorHandling(app, o.log);
  securityHeaders(app);
  registerApi(app, port, auth, audit);
  registerHealth(app, port, auth, { metrics: m, metricsPublic: http.metrics_public, schedule: () => o.config().schedule, now, startedAt: now() });
  registerWeb(app, port, auth, {
    secureCookies: !!tls,
    limiter: new RateLimiter(o.loginAttemptsPerMinute ?? 10, 60_000, now),
    audit,
  });
  m.setFleetSource(fleetSource(port, state.db, now));
  m.enableProcessMetrics();

  try {
    await app.listen({ host, port: listenPort });
  } catch (err) {
    state.close();
    throw new Error(`http: cannot listen on ${o.listen ?? http.listen}: ${(err as Error).message}`);
  }
  const addr = app.server.address();
  const bound = typeof addr === 'object' && addr ? addr.port : listenPort;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  o.log.info({ url }, 'http server listening');
  return {
    url,
    port: bound,
    app,
    sessions,
    async close() {
      m.setFleetSource(undefined);
      await app.close();
      state.close();
    },
  };
}
