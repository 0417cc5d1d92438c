/** The review page over real HTTP: login, cookie flags, CSRF, session expiry, revocation, rate limit, roles, headers. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFleet, type Fleet } from '../http/fleet.js';
import { WebClient } from './session.js';

let f: Fleet;
before(async () => {
  f = await startFleet({ http: { session_minutes: 30 }, loginAttemptsPerMinute: 5 });
});
after(() => f?.close());

test('pages need a session: redirect to the login page, which keeps where you were going', async () => {
  for (const path of ['/', '/review', '/devices/r1', '/audit']) {
    const r = await new WebClient(f).request(path);
    assert.equal(r.status, 303, path);
    assert.equal(r.headers.get('location'), `/login?next=${encodeURIComponent(path)}`);
  }
});

test('login sets an HttpOnly SameSite=Strict session cookie with a limited lifetime; security headers on every page', async () => {
  const c = new WebClient(f);
  const login = await c.request('/login');
  const csp = login.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(login.headers.get('x-frame-options'), 'DENY');
  const html = await login.text();
  assert.doesNotMatch(html, /<script>(?!<\/script>)|<script(?![^>]*src=)/, 'no inline script');
  const r = await c.post('/login', { _csrf: WebClient.csrfOf(html), token: f.tokens.viewer, next: '/review' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/review');
  const cookie = r.headers.getSetCookie().find((s) => s.startsWith('dw_session='))!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Max-Age=1800/);
  assert.doesNotMatch(cookie, /Secure/, 'no Secure flag without TLS (the cookie would never come back)');
  assert.equal((await c.request('/')).status, 200);
});

test('a wrong token, or a login without the form CSRF token, is refused; open redirects are not followed', async () => {
  const c = new WebClient(f);
  const form = await (await c.request('/login')).text();
  assert.equal((await c.post('/login', { _csrf: WebClient.csrfOf(form), token: 'dw_wrong' })).status, 401);
  assert.equal((await new WebClient(f).post('/login', { _csrf: 'forged', token: f.tokens.viewer })).status, 403);
  const c2 = new WebClient(f);
  const form2 = await (await c2.request('/login')).text();
  const r = await c2.post('/login', { _csrf: WebClient.csrfOf(form2), token: f.tokens.viewer, next: '//evil.example/x' });
  assert.equal(r.headers.get('location'), '/');
});

test('overview: counts, failing and drifted first, filters by group and status, links to device and review', async () => {
  const c = new WebClient(f);
  await c.login(f.tokens.viewer);
  const html = await (await c.request('/')).text();
  assert.match(html, /<b>3<\/b> devices/);
  assert.match(html, /<b>1<\/b> drifted/);
  assert.ok(html.indexOf('>r1</a>') < html.indexOf('>r2</a>'), 'drifted r1 listed first');
  assert.match(html, /href="\/devices\/r1"/);
  assert.match(html, /href="\/review\?device=r1#drift-\d+"/);
  const edge = await (await c.request('/?group=edge')).text();
  assert.doesNotMatch(edge, />r1<\/a>/);
  assert.match(edge, />r2<\/a>/);
  const ok = await (await c.request('/?status=drifted')).text();
  assert.match(ok, />r1<\/a>/);
  assert.doesNotMatch(ok, />r3<\/a>/);
});

test('review queue shows the side-by-side diff, severity and attribution; viewers get no approve form', async () => {
  const c = new WebClient(f);
  await c.login(f.tokens.viewer);
  const html = await (await c.request('/review')).text();
  assert.match(html, /id="drift-\d+"/);
  assert.match(html, /sev-critical/);
  assert.match(html, /mallory/);
  assert.match(html, /<td class="add"><code> transport input ssh telnet<\/code><\/td>/);
  assert.match(html, /<td class="del"><code> transport input ssh<\/code><\/td>/);
  assert.match(html, /line vty 0 4/);
  assert.doesNotMatch(html, /Sup3rS3cret/);
  assert.doesNotMatch(html, /action="\/devices\/r1\/approve"/);
});

test('device page: facts, host key, history, config at a revision, compare two revisions', async () => {
  const c = new WebClient(f);
  await c.login(f.tokens.viewer);
  const html = await (await c.request('/devices/r1')).text();
  assert.match(html, /Host key<\/dt><dd>ssh-|Host key<\/dt><dd>[a-z0-9-]+ <code>/);
  assert.match(html, /transport input ssh telnet/);
  const commits = [...html.matchAll(/href="\/devices\/r1\?rev=([0-9a-f]{40})#config"/g)].map((m) => m[1]!);
  assert.equal(commits.length, 2);
  const old = await (await c.request(`/devices/r1?rev=${commits[1]}`)).text();
  assert.doesNotMatch(old.split('id="config"')[1]!, /transport input ssh telnet/);
  const cmp = await (await c.request(`/devices/r1?from=${commits[1]}&to=${commits[0]}`)).text();
  assert.match(cmp, /<td class="add"><code> transport input ssh telnet<\/code>/);
  assert.equal((await c.request('/devices/nope')).status, 404);
});

test('approve form: CSRF refusal for a forged post, viewers refused, approvers approve and it lands in the audit log', async () => {
  const viewer = new WebClient(f);
  await viewer.login(f.tokens.viewer);
  const vpage = await (await viewer.request('/review')).text();
  const vr = await viewer.post('/devices/r1/approve', { _csrf: WebClient.csrfOf(vpage), message: 'nope' });
  assert.equal(vr.status, 403);

  const c = new WebClient(f);
  await c.login(f.tokens.approver);
  const before = f.git('rev-parse', 'refs/baselines/r1');
  const forged = await c.post('/devices/r1/approve', { message: 'forged' });
  assert.equal(forged.status, 403, 'no CSRF token');
  const wrong = await c.post('/devices/r1/approve', { _csrf: WebClient.csrfOf(vpage), message: 'other session token' });
  assert.equal(wrong.status, 403, "another session's CSRF token");
  assert.equal(f.git('rev-parse', 'refs/baselines/r1'), before, 'nothing approved by refused posts');

  const page = await (await c.request('/review')).text();
  assert.match(page, /action="\/devices\/r1\/approve"/);
  const r = await c.post('/devices/r1/approve', { _csrf: WebClient.csrfOf(page), message: 'CHG-7 ok', back: 'review' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/review?approved=r1');
  assert.notEqual(f.git('rev-parse', 'refs/baselines/r1'), before);
  assert.match(await (await c.request('/review')).text(), /Nothing to review/);
  const audit = await (await c.request('/audit')).text();
  assert.match(audit, /<td>alice<\/td><td>approve<\/td><td>r1<\/td><td>[^<]*CHG-7 ok<\/td><td>127\.0\.0\.1<\/td>/);
  assert.match(audit, /<td>alice<\/td><td>login<\/td>/);
});

test('the session ends at its lifetime (injected clock) and when its token is revoked', async () => {
  const c = new WebClient(f);
  await c.login(f.tokens.viewer);
  assert.equal((await c.request('/')).status, 200);
  const saved = f.clock.now;
  f.clock.now = new Date(saved.getTime() + 29 * 60_000);
  assert.equal((await c.request('/')).status, 200, 'still inside its 30 minutes');
  f.clock.now = new Date(saved.getTime() + 31 * 60_000);
  try {
    assert.equal((await c.request('/')).status, 303, 'expired after 30 minutes');
  } finally {
    f.clock.now = saved;
  }

  const t = f.newToken('viewer', 'soon-revoked');
  const c2 = new WebClient(f);
  await c2.login(t);
  assert.equal((await c2.request('/')).status, 200);
  const { TokensRepo } = await import('../../src/state/tokens-repo.js');
  new TokensRepo(f.state.db).revoke('soon-revoked', new Date());
  assert.equal((await c2.request('/')).status, 303, 'revoking the token ends its session');
});

test('logout needs the CSRF token and ends the session', async () => {
  const c = new WebClient(f);
  await c.login(f.tokens.viewer);
  const page = await (await c.request('/')).text();
  assert.equal((await c.post('/logout', {})).status, 403);
  const r = await c.post('/logout', { _csrf: WebClient.csrfOf(page) });
  assert.equal(r.status, 303);
  assert.equal((await c.request('/')).status, 303);
});

test('static script and style are served by the app', async () => {
  const js = await fetch(f.server.url + '/static/app.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.equal((await fetch(f.server.url + '/static/app.css')).status, 200);
});

test('login attempts are rate limited per address', async () => {
  // Runs last: it uses up this address's attempts for the minute.
  const c = new WebClient(f);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    const form = await (await c.request('/login')).text();
    statuses.push((await c.post('/login', { _csrf: WebClient.csrfOf(form), token: 'dw_guess' + i })).status);
  }
  assert.ok(statuses.slice(0, 3).every((s) => s === 401), statuses.join());
  assert.equal(statuses[6], 429);
  const saved = f.clock.now;
  f.clock.now = new Date(saved.getTime() + 61_000);
  try {
    const form = await (await c.request('/login')).text();
    assert.equal((await c.post('/login', { _csrf: WebClient.csrfOf(form), token: f.tokens.viewer })).status, 303, 'a new window lets the right token in');
  } finally {
    f.clock.now = saved;
  }
});
