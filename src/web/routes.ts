/**
 * The review page: token login -> session cookie (HttpOnly, SameSite=Strict, Secure under TLS),
 * CSRF token on every form, login rate limit, pages rendered on the server from the ReviewPort.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows, type Principal } from '../auth/roles.js';
import type { RateLimiter } from '../auth/rate-limit.js';
import { randomSecret, sameSecret, type Session } from '../auth/sessions.js';
import { clientAddress, LOGIN_CSRF_COOKIE, parseCookies, principalOfToken, SESSION_COOKIE, sessionOf, type AuthContext } from '../http/auth.js';
import { countByState, filterDevices, pickFilter, worstFirst } from '../http/filters.js';
import type { ReviewPort } from '../http/ports.js';
import type { AuditRepo } from '../state/audit-repo.js';
import type { Role } from '../state/tokens-repo.js';
import { APP_CSS, APP_JS, FAVICON_SVG } from './assets.js';
import { renderAudit } from './audit-page.js';
import { renderDevice } from './device-page.js';
import type { Frame } from './html.js';
import { renderLogin, renderMessage } from './login-page.js';
import { renderOverview } from './overview.js';
import { reviewItems } from './review-items.js';
import { renderReview } from './review.js';

export interface WebOptions {
  secureCookies: boolean;
  limiter: RateLimiter;
  audit: AuditRepo;
}

type Q = Record<string, string | undefined>;
/** Review items per page: each costs two bounded git reads. */
const REVIEW_PAGE = 20;
/** Overview rows per page: failing and drifted come first, the filters narrow the rest. */
const OVERVIEW_PAGE = 1000;
const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').send(body);
/** Only same-site relative paths: never an open redirect. */
const safeNext = (s: unknown) => (typeof s === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(s) ? s : '/');

export function registerWeb(app: FastifyInstance, port: ReviewPort, auth: AuthContext, o: WebOptions): void {
  const cookie = (name: string, value: string, maxAge: number) =>
    `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${o.secureCookies ? '; Secure' : ''}`;
  const frame = (s: Session, title: string, active?: Frame['active'], notice?: string): Frame => ({ title, active, user: s.principal, csrf: s.csrf, openDrift: port.openDrift().length, notice });

  /** A page needs a live session (else to the login page) and a role (else 403). */
  const gate = (req: FastifyRequest, reply: FastifyReply, role: Role): Session | undefined => {
    const s = sessionOf(auth, req);
    if (!s) {
      void reply.redirect(`/login?next=${encodeURIComponent(safeNext(req.url))}`, 303);
      return undefined;
    }
    if (!allows(s.principal.role, role)) {
      void html(reply, renderMessage('Not allowed', `This needs the ${role} role; you are ${s.principal.role}.`), 403);
      return undefined;
    }
    return s;
  };
  /** Forms: the session's CSRF token must come back in the body. */
  const form = (req: FastifyRequest, reply: FastifyReply, role: Role): { s: Session; body: Q } | undefined => {
    const s = gate(req, reply, role);
    if (!s) return undefined;
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Q;
    if (!sameSecret(body._csrf, s.csrf)) {
      void html(reply, renderMessage('Refused', 'The form was not sent from this page (CSRF token missing or wrong). Reload the page and try again.'), 403);
      return undefined;
    }
    return { s, body };
  };

  app.get('/static/app.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(APP_CSS));
  app.get('/static/app.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(APP_JS));

  app.get('/static/favicon.svg', (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'max-age=86400').send(FAVICON_SVG));
  app.get('/favicon.ico', (_req, reply) => reply.redirect('/static/favicon.svg', 301));

  app.get('/login', (req, reply) => {
    const csrf = randomSecret();
    reply.header('set-cookie', cookie(LOGIN_CSRF_COOKIE, csrf, 900));
    return html(reply, renderLogin(csrf, safeNext((req.query as Q).next)));
  });
  app.post('/login', (req, reply) => {
    const addr = clientAddress(req);
    const body = (req.body ?? {}) as Q;
    const next = safeNext(body.next);
    if (o.limiter.blocked(addr)) {
      reply.header('retry-after', String(o.limiter.retryAfter(addr)));
      return html(reply, renderMessage('Too many attempts', 'Too many login attempts from your address; wait a minute.'), 429);
    }
    const expected = parseCookies(req.headers.cookie)[LOGIN_CSRF_COOKIE];
    if (!sameSecret(body._csrf, expected)) return html(reply, renderMessage('Refused', 'The login form was not sent from this page (CSRF). Reload it and try again.'), 403);
    const p: Principal | undefined = typeof body.token === 'string' ? principalOfToken(auth, body.token.trim()) : undefined;
    if (!p) {
      o.limiter.fail(addr);
      port.recordAudit({ actor: 'anonymous', action: 'login-failed', target: null, detail: null, address: addr });
      const csrf = randomSecret();
      reply.header('set-cookie', cookie(LOGIN_CSRF_COOKIE, csrf, 900));
      return html(reply, renderLogin(csrf, next, 'That token is not valid (wrong, expired or revoked).'), 401);
    }
    const s = auth.sessions.create(p);
    port.recordAudit({ actor: p.name, action: 'login', target: null, detail: `role ${p.role}`, address: addr });
    reply.header('set-cookie', [cookie(SESSION_COOKIE, s.id, auth.sessions.secondsLeft(s)), cookie(LOGIN_CSRF_COOKIE, '', 0)]);
    return reply.redirect(next, 303);
  });
  app.post('/logout', (req, reply) => {
    const f = form(req, reply, 'viewer');
    if (!f) return reply;
    auth.sessions.destroy(f.s.id);
    reply.header('set-cookie', cookie(SESSION_COOKIE, '', 0));
    return reply.redirect('/login', 303);
  });

  app.get('/', (req, reply) => {
    const s = gate(req, reply, 'viewer');
    if (!s) return reply;
    const all = port.listDevices();
    const filter = pickFilter(req.query as Q);
    const groups = [...new Set(all.map((d) => d.group).filter((g): g is string => !!g))].sort();
    const tags = [...new Set(all.flatMap((d) => d.tags))].sort();
    const pageNo = Math.max(1, Math.min(100_000, Number((req.query as Q).page) || 1));
    const list = worstFirst(filterDevices(all, filter));
    return html(reply, renderOverview({ frame: frame(s, 'Overview', 'overview'), counts: countByState(all), devices: list, page: pageNo, perPage: OVERVIEW_PAGE, filter, groups, tags }));
  });
  app.get('/review', async (req, reply) => {
    const s = gate(req, reply, 'viewer');
    if (!s) return reply;
    const q = req.query as Q;
    const open = port.openDrift().filter((d) => !q.device || d.device === q.device);
    const pageNo = Math.max(1, Math.min(100_000, Number(q.page) || 1));
    const items = await reviewItems(port, open.slice((pageNo - 1) * REVIEW_PAGE, pageNo * REVIEW_PAGE));
    const notice = q.approved ? `Approved ${q.approved}: its current config is the new baseline.` : undefined;
    return html(reply, renderReview({ frame: frame(s, 'Review', 'review', notice), items, total: open.length, canApprove: allows(s.principal.role, 'approver'), device: q.device, page: pageNo, perPage: REVIEW_PAGE }));
  });
  app.get('/devices/:name', async (req, reply) => {
    const s = gate(req, reply, 'viewer');
    if (!s) return reply;
    const name = (req.params as { name: string }).name;
    const q = req.query as Q;
    const device = port.getDevice(name);
    const history = await port.history(name, 50);
    let error: string | undefined;
    const config = device.lastCommit ? await port.configAt(name, q.rev ?? 'HEAD').catch((e: Error) => ((error = e.message), null)) : null;
    const compare = q.from || q.to ? await port.diff(name, q.from ?? 'baseline', q.to ?? 'HEAD').catch((e: Error) => ((error = e.message), null)) : null;
    const notice = q.approved ? 'Approved: the current config is the new baseline.' : undefined;
    return html(reply, renderDevice({ frame: frame(s, device.name, 'device', notice), device, history, config, compare, from: q.from, to: q.to, canApprove: allows(s.principal.role, 'approver'), error }));
  });
  app.post('/devices/:name/approve', async (req, reply) => {
    const f = form(req, reply, 'approver');
    if (!f) return reply;
    const name = (req.params as { name: string }).name;
    await port.approve(name, f.body.message ?? '', { name: f.s.principal.name, address: clientAddress(req) });
    return reply.redirect(f.body.back === 'device' ? `/devices/${encodeURIComponent(name)}?approved=1` : `/review?approved=${encodeURIComponent(name)}`, 303);
  });
  app.get('/audit', (req, reply) => {
    const s = gate(req, reply, 'viewer');
    if (!s) return reply;
    const before = Number((req.query as Q).before);
    return html(reply, renderAudit(frame(s, 'Audit log', 'audit'), port.audit(100, Number.isInteger(before) && before > 0 ? before : undefined), 100));
  });
}
