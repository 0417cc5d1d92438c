/** Errors to problem details (never a stack or an internal message to the client), and security headers on every response. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../core/log.js';
import { BusyError } from './bounded.js';
import { sendProblem } from './problem.js';
import { BadRequestError, NotFoundError, NotImplementedError } from './ports.js';

export function installErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof NotFoundError) return sendProblem(reply, 404, err.message);
    if (err instanceof BadRequestError) return sendProblem(reply, 400, err.message);
    if (err instanceof NotImplementedError) return sendProblem(reply, 501, err.message);
    if (err instanceof BusyError) return sendProblem(reply, 503, err.message);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendProblem(reply, status, (err as Error).message.slice(0, 200));
    log.error({ err: (err as Error).message, url: req.url.split('?')[0] }, 'http request failed');
    return sendProblem(reply, 500, 'see the daemon log');
  });
  app.setNotFoundHandler((_req, reply) => sendProblem(reply, 404, 'no such endpoint'));
  // Forms post urlencoded; parse them without another dependency.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!req.url.startsWith('/static/')) reply.header('cache-control', 'no-store');
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
}
