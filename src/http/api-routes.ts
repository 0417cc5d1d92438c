/** REST API /api/v1: JSON, paginated, Bearer tokens, problem details. Documented in openapi.ts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditRepo } from '../state/audit-repo.js';
import type { Role } from '../state/tokens-repo.js';
import { baselineRef } from '../app/baseline.js';
import { clientAddress, requireBearer, type AuthContext } from './auth.js';
import { countByState, filterDevices, pickFilter, worstFirst } from './filters.js';
import { openApiDocument } from './openapi.js';
import { pageParams, paginate } from './paging.js';
import { BadRequestError, NotFoundError, type ReviewPort } from './ports.js';

type Q = Record<string, unknown>;
type Handler = (req: FastifyRequest, reply: FastifyReply, who: { name: string; address: string }) => unknown;

export function registerApi(app: FastifyInstance, port: ReviewPort, auth: AuthContext, audit: AuditRepo): void {
  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, role: Role, handler: Handler) =>
    app.route({
      method,
      url: `/api/v1${url}`,
      handler: async (req, reply) => {
        const p = requireBearer(auth, req, reply, role);
        if (!p) return reply;
        return handler(req, reply, { name: p.name, address: clientAddress(req) });
      },
    });
  const name = (req: FastifyRequest) => (req.params as { name: string }).name;

  app.get('/api/v1/openapi.json', async () => openApiDocument());

  route('GET', '/devices', 'viewer', (req) => {
    const q = req.query as Q;
    const { page, per } = pageParams(q);
    const all = port.listDevices();
    const list = worstFirst(filterDevices(all, pickFilter(q)));
    const p = paginate(list, page, per);
    return { devices: p.items, page: p.page, per_page: p.per_page, total: p.total, counts: countByState(all) };
  });
  route('GET', '/devices/:name', 'viewer', (req) => ({ device: port.getDevice(name(req)) }));
  route('GET', '/devices/:name/history', 'viewer', async (req) => {
    const { page, per } = pageParams(req.query as Q, 50);
    const revs = await port.history(name(req), page * per);
    return { device: name(req), revisions: revs.slice((page - 1) * per), page, per_page: per };
  });
  route('GET', '/devices/:name/config', 'viewer', async (req) => {
    const rev = String((req.query as Q).rev ?? 'HEAD');
    return { device: name(req), ...(await port.configAt(name(req), rev)) };
  });
  route('GET', '/devices/:name/diff', 'viewer', async (req) => {
    const q = req.query as Q;
    return port.diff(name(req), String(q.from ?? 'baseline'), String(q.to ?? 'HEAD'));
  });
  route('POST', '/devices/:name/approve', 'approver', async (req, _reply, who) => {
    const body = (req.body ?? {}) as Q;
    const message = typeof body.message === 'string' ? body.message : '';
    const r = await port.approve(name(req), message, who);
    return { ...r, baseline_ref: baselineRef(r.device) };
  });
  route('GET', '/drift', 'viewer', (req) => {
    const { page, per } = pageParams(req.query as Q);
    const p = paginate(port.openDrift(), page, per);
    return { drift: p.items, page: p.page, per_page: p.per_page, total: p.total };
  });
  // TODO(expectations): these answer 501 until src/authorize/expectations.ts is merged and wired in the port.
  route('GET', '/expectations', 'viewer', () => ({ expectations: port.listExpectations() }));
  route('POST', '/expectations', 'approver', (req, _r, who) => port.createExpectation(req.body, who));
  route('DELETE', '/expectations/:id', 'approver', (req, _r, who) => port.cancelExpectation((req.params as { id: string }).id, who));
  route('GET', '/events', 'viewer', (req) => {
    const { page, per } = pageParams(req.query as Q);
    return { events: port.events(per, (page - 1) * per), page, per_page: per };
  });
  route('GET', '/audit', 'viewer', (req) => {
    const q = req.query as Q;
    const { per } = pageParams(q);
    const before = q.before ? Number(q.before) : undefined;
    return { entries: port.audit(per, Number.isInteger(before) ? before : undefined), per_page: per };
  });
  route('GET', '/tokens', 'admin', () => ({ tokens: auth.tokens.list() }));
  route('DELETE', '/tokens/:id', 'admin', (req, _reply, who) => {
    const id = (req.params as { id: string }).id;
    if (!/^\d+$/.test(id)) throw new BadRequestError('token id must be a number');
    const revoked = auth.tokens.revoke(id, auth.now());
    if (!revoked.length) throw new NotFoundError(`no live token #${id}`);
    for (const t of revoked) audit.record({ actor: who.name, action: 'token-revoke', target: t.name, detail: `#${t.id}`, address: who.address }, auth.now());
    return { revoked };
  });
}
