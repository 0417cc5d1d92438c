/**
 * Drift and alerts end to end over real SSH (simulated devices), a real git store, a real SQLite
 * file, a real SMTP server and real HTTP servers for Slack and the webhook.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { loadConfigFile } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { createLogger } from '../../src/core/log.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { Archive } from '../../src/store/archive.js';
import { StateDb } from '../../src/store/state.js';
import { pullAndDeliver, type PullReport as WatchReport } from '../../src/app/pull-now.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { runCli } from '../helpers/cli.js';
import { startSmtp } from '../helpers/smtp.js';
import { startHttpSink, type HttpSink } from '../notify/fixtures.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

const CONFIG = 'show running-config';
const log = createLogger('silent');
let sims: SimDevice[];
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let slack: HttpSink;
let hook: HttpSink;
let ws: Workspace;
let cfg: Config;
let archive: Archive;
let state: StateDb;
let original: string;

const git = (...args: string[]) => execFileSync('git', ['-C', ws.store, ...args], { encoding: 'utf8' }).trim();
const cycle = (now = new Date()): Promise<WatchReport> => pullAndDeliver({ cfg, archive, state, log, clock: () => now }, cfg.devices);
const counts = () => ({ email: smtp.mails.length, slack: slack.received.length, webhook: hook.received.length });

before(async () => {
  sims = await Promise.all(
    ['r1', 'r2'].map((h, i) => new SimDevice({ transcript: generateIosTranscript({ hostname: h, lines: 200, seed: i }), name: h }).start()),
  );
  original = sims[0]!.answer(CONFIG)!;
  smtp = await startSmtp();
  slack = await startHttpSink();
  hook = await startHttpSink();
  ws = makeWorkspace(
    [
      { name: 'r1', sim: sims[0]!, group: 'core' },
      { name: 'r2', sim: sims[1]!, group: 'edge' },
    ],
    {
      alerts: [
        { type: 'email', host: '127.0.0.1', port: smtp.port, from: 'driftwatch@test.local', to: 'noc@test.local' },
        { type: 'slack', webhook_url: `${slack.url}/services/T/B/X` },
        { type: 'webhook', url: `${hook.url}/hook`, secret: 'hmac-key', groups: ['core'] },
      ],
      group_ignore: { core: ['^ banner-note '] },
    },
  );
  cfg = loadConfigFile(ws.config, TEST_ENV);
  archive = await Archive.open(cfg.store);
  state = StateDb.open(cfg.state);
});

after(async () => {
  state?.close();
  await Promise.all([...sims.map((s) => s.close()), smtp.close(), slack.close(), hook.close()]);
  ws.cleanup();
});

test('the first snapshot becomes the baseline: no alert', async () => {
  const r = await cycle();
  assert.deepEqual(r.results.map((x) => x.result), ['changed', 'changed']);
  assert.equal(r.alerts.length, 0);
  assert.equal(git('rev-parse', 'refs/baselines/r1'), git('log', '-1', '--format=%H', '--', 'core/r1.cfg'));
  assert.equal(state.getBaseline('r1')?.commit, git('rev-parse', 'refs/baselines/r1'));
});

test('volatile and ignored lines changing is not drift and alerts nobody', async () => {
  sims[0]!.mutate(CONFIG, (t) =>
    t
      .replace(/^! Last configuration change at .*$/m, '! Last configuration change at 09:99:99 UTC Wed Nov 25 2026 by someone')
      .replace(/^Current configuration : \d+ bytes$/m, 'Current configuration : 1 bytes')
      .replace(/^(hostname .*)$/m, '$1\n banner-note rotated-daily-123'),
  );
  assert.notEqual(sims[0]!.answer(CONFIG), original, 'the simulated config really changed');
  const r = await cycle();
  assert.equal(r.alerts.length, 0);
  assert.deepEqual(r.openDrift, []);
  assert.deepEqual(counts(), { email: 0, slack: 0, webhook: 0 });
});

test('an unauthorized change: exactly one alert per matching channel with the diff', async () => {
  sims[0]!.mutate(CONFIG, (t) =>
    t
      .replace(/^( transport input ssh)$/m, ' transport input ssh telnet')
      .replace(/^(hostname .*)$/m, '$1\nusername evil privilege 15 secret 0 Sup3rS3cret')
      .replace(/^! Last configuration change at .*$/m, '! Last configuration change at 03:14:15 UTC Wed Nov 25 2026 by mallory'),
  );
  const r = await cycle();
  assert.deepEqual(r.openDrift, ['r1']);
  assert.deepEqual(counts(), { email: 1, slack: 1, webhook: 1 });

  const mail = smtp.mails[0]!.raw;
  assert.match(mail, /^Subject: .*CRITICAL.*r1/m);
  assert.match(mail, /\+ transport input ssh telnet/);
  assert.doesNotMatch(mail, /Sup3rS3cret/, 'secrets masked in the email');

  const slackBody = JSON.parse(slack.received[0]!.body);
  assert.match(JSON.stringify(slackBody.blocks), /r1/);
  assert.match(JSON.stringify(slackBody.blocks), /transport input ssh telnet/);

  const h = hook.received[0]!;
  const expected = 'sha256=' + createHmac('sha256', 'hmac-key').update(`${h.headers['x-driftwatch-timestamp']}.${h.body}`).digest('hex');
  assert.equal(h.headers['x-driftwatch-signature'], expected);
  const payload = JSON.parse(h.body);
  assert.equal(payload.kind, 'drift-new');
  assert.equal(payload.severity, 'critical');
  assert.ok(payload.sections.includes('line vty 0 4'), payload.sections);
  assert.doesNotMatch(h.body, /Sup3rS3cret/);
  // Who did it, as the device says: in the alert and in the commit.
  // The stamp (Nov 25) predates the baseline taken by this test run: the alert says it may name an earlier change.
  assert.deepEqual(payload.attribution, { user: 'mallory', at: '03:14:15 UTC Wed Nov 25 2026', stale: true });
  assert.match(mail, /mallory/);
  const trailers = git('log', '-1', '--format=%B', '--', 'core/r1.cfg');
  assert.match(trailers, /^Changed-By: mallory$/m);
  assert.match(trailers, /^Changed-At: 03:14:15 UTC Wed Nov 25 2026$/m);

  // The same drift next cycle: no new alert.
  const again = await cycle();
  assert.equal(again.alerts.length, 0);
  assert.deepEqual(counts(), { email: 1, slack: 1, webhook: 1 });
  const cli = await runCli(['drift', '--json', '--config', ws.config]);
  assert.equal(JSON.parse(cli.stdout.trim()).device, 'r1');
  const pull = await runCli(['pull', 'r1', '--config', ws.config], { env: TEST_ENV });
  assert.equal(pull.code, 3, 'pull exits 3 while unauthorized drift is open');
});

test('reverting to the baseline resolves the drift with a notice', async () => {
  sims[0]!.mutate(CONFIG, () => original);
  const r = await cycle();
  assert.deepEqual(r.alerts.map((a) => a.kind), ['drift-resolved']);
  assert.deepEqual(r.openDrift, []);
  assert.deepEqual(counts(), { email: 2, slack: 2, webhook: 2 });
});

test('approval moves refs/baselines/<name> and clears the drift', async () => {
  sims[0]!.mutate(CONFIG, (t) => t.replace(/^(hostname .*)$/m, '$1\nip domain lookup'));
  await cycle();
  const before = git('rev-parse', 'refs/baselines/r1');
  const approve = await runCli(['approve', 'r1', '--by', 'alice', '--message', 'CHG-1', '--config', ws.config], { env: TEST_ENV });
  assert.equal(approve.code, 0, approve.stderr);
  const afterRef = git('rev-parse', 'refs/baselines/r1');
  assert.notEqual(afterRef, before);
  assert.equal(afterRef, git('log', '-1', '--format=%H', '--', 'core/r1.cfg'));
  assert.match(git('tag', '-l', 'approved/r1/*', '-n9'), /approved r1 by alice/);
  assert.equal(state.getBaseline('r1')?.approvedBy, 'alice');
  const r = await cycle();
  assert.equal(r.alerts.length, 0);
  assert.deepEqual(r.openDrift, []);
  const diff = await runCli(['diff', 'r1', '--config', ws.config]);
  assert.match(diff.stdout, /no drift/);
});

test('a channel that is down gets the alert once it is back, also across a daemon restart', async () => {
  const port = hook.port;
  await hook.close();
  const before = counts();
  sims[0]!.mutate(CONFIG, (t) => t.replace(/^(hostname .*)$/m, '$1\nsnmp-server community leaked RW'));
  const r = await cycle();
  assert.equal(r.alerts.length, 1);
  assert.equal(counts().email, before.email + 1, 'email delivered although the webhook is down');
  const pending = state.listOutbox(100, true);
  assert.equal(pending.length, 1);
  assert.match(pending[0]!.lastError ?? '', /127\.0\.0\.1/);
  state.close();

  // "Restart": a new daemon process-equivalent on the same state file, webhook back up.
  hook = await startHttpSink(port);
  const later = new Date(Date.now() + 2 * 3600_000);
  Object.assign(process.env, TEST_ENV);
  const daemon = await Daemon.start({ configFile: ws.config, log, now: () => later, retryIntervalMs: 3600_000 });
  try {
    // run_at_start is on: wait for that cycle, then retry the outbox.
    await daemon.idle();
    await daemon.retryNow();
    assert.equal(hook.received.length, 1, 'the webhook received the queued alert');
    const delivered = JSON.parse(hook.received[0]!.body);
    assert.equal(delivered.kind, 'drift-new');
    assert.match(delivered.diff, /snmp-server community (?:<masked>|<secret:[0-9a-f]{10}>) RW/);
  } finally {
    await daemon.stop();
  }
  state = StateDb.open(cfg.state);
  assert.equal(state.listOutbox(100, true).length, 0, 'nothing left pending');
});

test('a changed host key alerts once (critical), a device failing N pulls alerts once, then recovers once', async () => {
  const before = smtp.mails.length;
  sims[1]!.rotateHostKey();
  const first = await cycle();
  assert.deepEqual(first.alerts.map((a) => [a.kind, a.severity, a.device.name]), [['host-key-mismatch', 'critical', 'r2']]);
  assert.match(first.alerts[0]!.detail ?? '', /pinned: ssh-ed25519 SHA256:/);
  const second = await cycle();
  assert.equal(second.alerts.filter((a) => a.kind === 'host-key-mismatch').length, 0, 'not again while the key stays wrong');
  // cfg.failure_alert_after is 3: the third failure in a row raises one alert.
  const third = await cycle();
  assert.deepEqual(third.alerts.map((a) => a.kind), ['pull-failing']);
  assert.equal((await cycle()).alerts.length, 0);
  state.forgetHostKey('r2');
  const recovered = await cycle();
  assert.deepEqual(recovered.alerts.map((a) => a.kind), ['pull-recovered']);
  assert.equal(smtp.mails.length, before + 3, 'email: host key, failing, recovered');
  assert.match(smtp.mails[before]!.raw, /^Subject: .*CRITICAL.*r2/m);
});
