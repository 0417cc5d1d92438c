/**
 * Who is asking: a Bearer token (API, metrics) or a session cookie (web page). A session only
 * lives while its token does: revoking a token ends its sessions on their next request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allows, type Principal } from '../auth/roles.js';
import type { Session, SessionStore } from '../auth/sessions.js';
import { verifyToken } from '../auth/tokens.js';
import type { Role, TokensRepo } from '../state/tokens-repo.js';
import { sendProblem } from './problem.js';

export const SESSION_COOKIE = 'dw_session';
export const LOGIN_CSRF_COOKIE = 'dw_login_csrf';

export interface AuthContext {
  tokens: TokensRepo;
  sessions: SessionStore;
  now(): Date;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

export function principalOfToken(ctx: AuthContext, presented: string): Principal | undefined {
  const now = ctx.now();
  const row = verifyToken(ctx.tokens, presented, now);
  if (!row) return undefined;
  ctx.tokens.touch(row.id, now);
  return { name: row.name, role: row.role, tokenId: row.id };
}

export function bearerPrincipal(ctx: AuthContext, req: FastifyRequest): Principal | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m ? principalOfToken(ctx, m[1]!) : undefined;
}

/** The request's live session (its token still active), or undefined. */
export function sessionOf(ctx: AuthContext, req: FastifyRequest): Session | undefined {
  const id = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  const s = ctx.sessions.get(id);
  if (!s) return undefined;
  const t = ctx.tokens.get(s.principal.tokenId);
  if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= ctx.now().toISOString())) {
    ctx.sessions.destroy(s.id);
    return undefined;
  }
  return s;
}

/** API guard: 401 without a valid token, 403 when its role is too low. Returns the principal or undefined (reply sent). */
export function requireBearer(ctx: AuthContext, req: FastifyRequest, reply: FastifyReply, role: Role): Principal | undefined {
  const p = bearerPrincipal(ctx, req);
  if (!p) {
    void sendProblem(reply, 401, 'send Authorization: Bearer <token> (driftwatch token create)');
    return undefined;
  }
  if (!allows(p.role, role)) {
    void sendProblem(reply, 403, `needs role ${role}; this token is ${p.role}`);
    return undefined;
  }
  return p;
}

/** Address for the audit log. */
export const clientAddress = (req: FastifyRequest): string => req.socket.remoteAddress ?? req.ip ?? 'unknown';
