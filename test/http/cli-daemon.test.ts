/**
 * The contracts end to end as a user meets them: `driftwatch token create` prints only the token,
 * the daemon serves the API when `http.listen` is set, the CLI approve and token revoke land in
 * `driftwatch audit-log`, a revoked token is refused.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../src/core/log.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

let sim: SimDevice;
let ws: Workspace;
let daemon: Daemon;
const cli = (...args: string[]) => runCli([...args, '--config', ws.config], { env: TEST_ENV });

before(async () => {
  sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'sw1', lines: 80, seed: 3 }), name: 'sw1' }).start();
  ws = makeWorkspace([{ name: 'sw1', sim }], { http: { listen: '127.0.0.1:0' }, run_at_start: true, schedule: '0 0 1 1 *' });
  Object.assign(process.env, TEST_ENV);
  daemon = await Daemon.start({ configFile: ws.config, log: createLogger('silent') });
  await daemon.idle();
});
after(async () => {
  await daemon?.stop();
  await sim?.close();
  ws?.cleanup();
});

test('token create prints the token as the only stdout line; bad role is a usage error', async () => {
  const r = await cli('token', 'create', '--role', 'viewer', '--name', 'grafana');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^dw_[A-Za-z0-9_-]{43}\n$/);
  const bad = await cli('token', 'create', '--role', 'root', '--name', 'x');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /viewer, approver, admin/);
  assert.equal((await cli('token', 'create', '--role', 'viewer', '--name', 'x', '--expires', 'soon')).code, 2);
});

test('the daemon serves the API: 401 without a token, 200 with a CLI-made viewer token; token list never shows secrets', async () => {
  const url = daemon.httpUrl!;
  assert.ok(url.startsWith('http://127.0.0.1:'));
  const token = (await cli('token', 'create', '--role', 'viewer', '--name', 'noc', '--expires', '90d')).stdout.trim();
  assert.equal((await fetch(`${url}/api/v1/devices`)).status, 401);
  const r = await fetch(`${url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  const body = (await r.json()) as { devices: Array<{ name: string }> };
  assert.deepEqual(body.devices.map((d) => d.name), ['sw1']);
  const list = await cli('token', 'list');
  assert.match(list.stdout, /noc +viewer .*expires \S+ active/);
  assert.ok(!list.stdout.includes(token));
  assert.ok((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((x) => x.text())).includes('driftwatch_pulls_total'));
});

test('CLI approve and token revoke are in the audit log; the revoked token is refused at once', async () => {
  const url = daemon.httpUrl!;
  const token = (await cli('token', 'create', '--role', 'approver', '--name', 'bob')).stdout.trim();
  const ok = await cli('approve', 'sw1', '--message', 'CHG-9', '--by', 'carol');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^sw1: baseline is now [0-9a-f]{12} \(approved by carol\)\n$/, 'CLI output unchanged');
  const rev = await cli('token', 'revoke', 'bob');
  assert.equal(rev.code, 0, rev.stderr);
  assert.equal((await fetch(`${url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
  assert.equal((await cli('token', 'revoke', 'bob')).code, 1, 'nothing left to revoke');
  const log = await cli('audit-log', '--json');
  const entries = log.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(entries.some((e) => e.action === 'approve' && e.actor === 'carol' && e.target === 'sw1' && e.address === 'cli' && /CHG-9/.test(e.detail)));
  assert.ok(entries.some((e) => e.action === 'token-revoke' && e.target === 'bob'));
  assert.ok(entries.some((e) => e.action === 'token-create' && e.target === 'noc'));
  assert.ok(!log.stdout.includes(token), 'the audit log holds no token');
});
