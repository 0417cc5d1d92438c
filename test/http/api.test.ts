/** The REST API over real HTTP on loopback: every endpoint, allowed and refused per role, problem details. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createToken } from '../../src/auth/tokens.js';
import { TokensRepo } from '../../src/state/tokens-repo.js';
import { api, startFleet, type Fleet } from './fleet.js';

let f: Fleet;
before(async () => {
  f = await startFleet();
});
after(() => f?.close());

const json = async (r: Response) => r.json() as Promise<Record<string, any>>;

async function assertProblem(r: Response, status: number) {
  assert.equal(r.status, status);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const p = await json(r);
  assert.equal(p.status, status);
  assert.equal(typeof p.title, 'string');
  assert.match(p.type, /problems\//);
  return p;
}

test('GET /api/v1/devices: no token 401 (problem details), bad token 401, viewer 200 with devices[].name', async () => {
  const none = await api(f, '/api/v1/devices');
  await assertProblem(none, 401);
  assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
  await assertProblem(await api(f, '/api/v1/devices', { token: 'dw_not-a-real-token' }), 401);
  const r = await api(f, '/api/v1/devices', { token: f.tokens.viewer });
  assert.equal(r.status, 200);
  const body = await json(r);
  assert.deepEqual(body.devices.map((d: any) => d.name), ['r1', 'r2', 'r3'], 'drifted r1 first, then by name');
  assert.equal(body.devices[0].state, 'drifted');
  assert.equal(body.devices[0].openDrift.severity, 'critical');
  assert.equal(body.total, 3);
  assert.equal(body.counts.drifted, 1);
  assert.ok(body.devices[0].facts, 'facts are listed');
});

test('devices list filters and paginates', async () => {
  const edge = await json(await api(f, '/api/v1/devices?group=edge', { token: f.tokens.viewer }));
  assert.deepEqual(edge.devices.map((d: any) => d.name), ['r2', 'r3']);
  const p2 = await json(await api(f, '/api/v1/devices?per_page=2&page=2', { token: f.tokens.viewer }));
  assert.deepEqual(p2.devices.map((d: any) => d.name), ['r3']);
  assert.equal(p2.total, 3);
  await assertProblem(await api(f, '/api/v1/devices?per_page=0', { token: f.tokens.viewer }), 400);
  const drifted = await json(await api(f, '/api/v1/devices?status=drifted', { token: f.tokens.viewer }));
  assert.deepEqual(drifted.devices.map((d: any) => d.name), ['r1']);
});

test('one device, its history with attribution, config at a revision, diff against the baseline', async () => {
  const v = f.tokens.viewer;
  await assertProblem(await api(f, '/api/v1/devices/r1'), 401);
  const d = (await json(await api(f, '/api/v1/devices/r1', { token: v }))).device;
  assert.equal(d.name, 'r1');
  assert.ok(d.hostKey.fingerprint, 'host key shown');
  assert.equal(d.baseline.commit, f.git('rev-parse', 'refs/baselines/r1'));
  assert.ok(d.pulls.length >= 2);
  await assertProblem(await api(f, '/api/v1/devices/nope', { token: v }), 404);

  const h = await json(await api(f, '/api/v1/devices/r1/history', { token: v }));
  assert.equal(h.revisions.length, 2);
  assert.equal(h.revisions[0].attribution['Changed-By'], 'mallory');

  const cur = await json(await api(f, '/api/v1/devices/r1/config', { token: v }));
  assert.match(cur.text, /transport input ssh telnet/);
  assert.doesNotMatch(cur.text, /Sup3rS3cret/, 'secrets stay masked');
  const old = await json(await api(f, `/api/v1/devices/r1/config?rev=${h.revisions[1].commit}`, { token: v }));
  assert.doesNotMatch(old.text, /transport input ssh telnet/);
  await assertProblem(await api(f, '/api/v1/devices/r1/config?rev=--output=x', { token: v }), 400);
  await assertProblem(await api(f, '/api/v1/devices/r1/config?rev=deadbeefdeadbeef', { token: v }), 404);

  const diff = await json(await api(f, '/api/v1/devices/r1/diff', { token: v }));
  assert.equal(diff.drifted, true);
  assert.match(diff.diff, /^\+ transport input ssh telnet$/m);
  assert.ok(diff.sections.includes('line vty 0 4'));
  const same = await json(await api(f, `/api/v1/devices/r1/diff?from=${h.revisions[0].commit}&to=HEAD`, { token: v }));
  assert.equal(same.drifted, false);
});

test('open drift, events, audit for viewers; tokens only for admins, never with secrets', async () => {
  const drift = await json(await api(f, '/api/v1/drift', { token: f.tokens.viewer }));
  assert.deepEqual(drift.drift.map((d: any) => d.device), ['r1']);
  await assertProblem(await api(f, '/api/v1/drift'), 401);
  const ev = await json(await api(f, '/api/v1/events?per_page=4', { token: f.tokens.viewer }));
  assert.equal(ev.events.length, 4);
  assert.ok(ev.events.every((e: any) => ['r1', 'r2', 'r3'].includes(e.device)));
  assert.equal((await api(f, '/api/v1/audit', { token: f.tokens.viewer })).status, 200);
  await assertProblem(await api(f, '/api/v1/audit'), 401);

  await assertProblem(await api(f, '/api/v1/tokens', { token: f.tokens.viewer }), 403);
  await assertProblem(await api(f, '/api/v1/tokens', { token: f.tokens.approver }), 403);
  const res = await api(f, '/api/v1/tokens', { token: f.tokens.admin });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.ok(JSON.parse(text).tokens.some((t: any) => t.name === 'alice'));
  for (const secret of Object.values(f.tokens)) assert.ok(!text.includes(secret), 'no token secret in the listing');
  assert.doesNotMatch(text, /hash/, 'not even its hash');
});

test('expected changes over the API: roles, the same module as `driftwatch expect`, bad input as 400', async () => {
  await assertProblem(await api(f, '/api/v1/expectations'), 401);
  const list = async () => (await json(await api(f, '/api/v1/expectations', { token: f.tokens.viewer }))).expectations as Array<{ id: number; ticket: string; cancelledAt: string | null }>;
  assert.deepEqual(await list(), []);
  const post = (token: string, body: unknown) => api(f, '/api/v1/expectations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), token });
  await assertProblem(await post(f.tokens.viewer, { devices: ['r1'], ticket: 'CHG-7', until: '2h' }), 403);
  await assertProblem(await post(f.tokens.approver, { devices: ['r1'], ticket: 'CHG-7' }), 400);
  const created = await post(f.tokens.approver, { devices: ['r1'], ticket: 'CHG-7', until: '2h', lines: ['^ description '] });
  assert.equal(created.status, 200, await created.clone().text());
  const id = (await json(created)).id as number;
  assert.deepEqual((await list()).map((e) => e.ticket), ['CHG-7']);
  await assertProblem(await api(f, `/api/v1/expectations/${id}`, { method: 'DELETE', token: f.tokens.viewer }), 403);
  const cancelled = await api(f, `/api/v1/expectations/${id}`, { method: 'DELETE', token: f.tokens.approver });
  assert.equal(cancelled.status, 200);
  assert.ok((await list()).find((e) => e.id === id)?.cancelledAt, 'cancelled');
});

test('OpenAPI document served and lists every path', async () => {
  const doc = await json(await api(f, '/api/v1/openapi.json'));
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/devices', '/devices/{name}', '/devices/{name}/history', '/devices/{name}/config', '/devices/{name}/diff', '/devices/{name}/approve', '/drift', '/expectations', '/events', '/audit', '/tokens']) assert.ok(doc.paths[p], p);
  await assertProblem(await api(f, '/api/v1/nothing-here', { token: f.tokens.viewer }), 404);
});

test('POST approve: none 401, viewer 403 (baseline unchanged), approver 200 moves refs/baselines/r1 and audits', async () => {
  const before = f.git('rev-parse', 'refs/baselines/r1');
  const post = (token?: string) => api(f, '/api/v1/devices/r1/approve', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'CHG-42 telnet for migration' }) });
  await assertProblem(await post(), 401);
  await assertProblem(await post(f.tokens.viewer), 403);
  assert.equal(f.git('rev-parse', 'refs/baselines/r1'), before, 'a refused approval moves nothing');

  const r = await post(f.tokens.approver);
  assert.equal(r.status, 200);
  const body = await json(r);
  const head = f.git('log', '-1', '--format=%H', '--', 'core/r1.cfg');
  assert.equal(f.git('rev-parse', 'refs/baselines/r1'), head);
  assert.notEqual(head, before);
  assert.equal(body.commit, head);
  assert.equal(body.baseline_ref, 'refs/baselines/r1');
  assert.equal(body.closed.length, 1);
  assert.equal(f.state.getOpenDrift('r1'), undefined);
  assert.match(f.git('tag', '-l', 'approved/r1/*'), /approved\/r1\//);
  const audit = (await json(await api(f, '/api/v1/audit', { token: f.tokens.viewer }))).entries;
  const e = audit.find((x: any) => x.action === 'approve');
  assert.equal(e.actor, 'alice');
  assert.equal(e.target, 'r1');
  assert.equal(e.address, '127.0.0.1');
  assert.match(e.detail, /CHG-42/);
  await assertProblem(await api(f, '/api/v1/devices/ghost/approve', { method: 'POST', token: f.tokens.approver }), 404);
});

test('a revoked token stops working at once; an expired one too', async () => {
  const t = f.newToken('viewer', 'temp');
  assert.equal((await api(f, '/api/v1/devices', { token: t })).status, 200);
  const id = (await json(await api(f, '/api/v1/tokens', { token: f.tokens.admin }))).tokens.find((x: any) => x.name === 'temp').id;
  await assertProblem(await api(f, `/api/v1/tokens/${id}`, { method: 'DELETE', token: f.tokens.approver }), 403);
  assert.equal((await api(f, `/api/v1/tokens/${id}`, { method: 'DELETE', token: f.tokens.admin })).status, 200);
  await assertProblem(await api(f, '/api/v1/devices', { token: t }), 401);
  const audit = (await json(await api(f, '/api/v1/audit', { token: f.tokens.viewer }))).entries;
  assert.ok(audit.some((x: any) => x.action === 'token-revoke' && x.target === 'temp' && x.actor === 'root-admin'));

  const { token: short } = createToken(new TokensRepo(f.state.db), { name: 'short', role: 'viewer', expiresInMs: 60_000, now: f.clock.now });
  assert.equal((await api(f, '/api/v1/devices', { token: short })).status, 200);
  const saved = f.clock.now;
  f.clock.now = new Date(saved.getTime() + 61_000);
  try {
    await assertProblem(await api(f, '/api/v1/devices', { token: short }), 401);
    assert.equal((await api(f, '/api/v1/devices', { token: f.tokens.viewer })).status, 200, 'tokens without expiry still work');
  } finally {
    f.clock.now = saved;
  }
});
