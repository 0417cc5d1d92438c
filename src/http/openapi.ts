/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
const json = { 'application/json': {} };
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = { '400': problem, '401': problem, '403': problem, '404': problem };
const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const paging = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
];
const op = (summary: string, role: string, extra: Record<string, unknown> = {}, ok = 'OK') => ({
  summary,
  description: `Role: ${role} or higher.`,
  security: [{ bearer: [] }],
  responses: { '200': { description: ok, content: json }, ...errors },
  ...extra,
});
const notYet = { '501': problem };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'driftwatch API', version: '1', description: 'Network config drift: devices, history, diffs, open drift, approvals, audit. Tokens: `driftwatch token create`.' },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: { type: 'object', required: ['type', 'title', 'status'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } } },
        DeviceList: { type: 'object', required: ['devices'], properties: { devices: { type: 'array', items: { type: 'object', required: ['name', 'state'], properties: { name: { type: 'string' }, state: { enum: ['failing', 'drifted', 'never', 'ok'] } } } }, page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } } },
      },
    },
    paths: {
      '/devices': {
        get: op('Devices with status, facts, open drift; failing and drifted first', 'viewer', {
          parameters: [...paging, ...['group', 'tag', 'status', 'q'].map((n) => ({ name: n, in: 'query', schema: { type: 'string' } }))],
          responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/DeviceList' } } } }, ...errors },
        }),
      },
      '/devices/{name}': { get: op('One device: status, facts, host key, baseline, recent pulls', 'viewer', { parameters: [nameParam] }) },
      '/devices/{name}/history': { get: op("The device's commits, newest first, with attribution", 'viewer', { parameters: [nameParam, ...paging] }) },
      '/devices/{name}/config': { get: op('The stored config at a revision', 'viewer', { parameters: [nameParam, { name: 'rev', in: 'query', schema: { type: 'string', default: 'HEAD' }, description: 'commit id, HEAD or baseline' }] }) },
      '/devices/{name}/diff': {
        get: op('Labelled diff between two revisions (default: baseline to HEAD)', 'viewer', {
          parameters: [nameParam, { name: 'from', in: 'query', schema: { type: 'string', default: 'baseline' } }, { name: 'to', in: 'query', schema: { type: 'string', default: 'HEAD' } }],
        }),
      },
      '/devices/{name}/approve': {
        post: op('Approve the current config: moves refs/baselines/{name}, closes open drift (same code path as `driftwatch approve`)', 'approver', {
          parameters: [nameParam],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string', maxLength: 500 } } } } } },
        }),
      },
      '/drift': { get: op('Open unauthorized drift, oldest first', 'viewer', { parameters: paging }) },
      '/expectations': {
        get: op('Expected changes (not on this build yet: 501)', 'viewer', { responses: notYet }),
        post: op('Register an expected change (not on this build yet: 501)', 'approver', { responses: notYet }),
      },
      '/expectations/{id}': { delete: op('Cancel an expected change (not on this build yet: 501)', 'approver', { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: notYet }) },
      '/events': { get: op('Recent pulls across the fleet, newest first', 'viewer', { parameters: paging }) },
      '/audit': { get: op('Audit log (approvals, token operations, logins), newest first', 'viewer', { parameters: [paging[1], { name: 'before', in: 'query', schema: { type: 'integer' } }] }) },
      '/tokens': { get: op('Tokens (never their secrets)', 'admin') },
      '/tokens/{id}': { delete: op('Revoke a token', 'admin', { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }] }) },
    },
  };
}
