/** RFC 9457 problem details: every API error is `application/problem+json` with type, title, status, detail. */
import type { FastifyReply } from 'fastify';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Not allowed for this role'],
  404: ['not-found', 'Not found'],
  413: ['too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['rate-limited', 'Too many attempts'],
  500: ['internal', 'Internal error'],
  501: ['not-implemented', 'Not implemented on this build'],
  503: ['busy', 'Service busy'],
};

export function problem(status: number, detail?: string, instance?: string): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return { type: `https://driftwatch.invalid/problems/${slug}`, title, status, ...(detail ? { detail } : {}), ...(instance ? { instance } : {}) };
}

export function sendProblem(reply: FastifyReply, status: number, detail?: string): FastifyReply {
  const p = problem(status, detail, reply.request.url.split('?')[0]);
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="driftwatch"');
  return reply.code(status).type('application/problem+json').send(JSON.stringify(p));
}
