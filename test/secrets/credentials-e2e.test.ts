/**
 * Credentials never leak, end to end: the built CLI pulls simulated devices with unique random
 * credentials, including a refused login, a device that hangs (timeout) and a changed host key,
 * with an SMTP password, a webhook secret and a Slack URL in the config. A changed SNMP community
 * is drift (`pull` exits 3). Then every git object of the store, the state file (and its WAL),
 * stdout and stderr of every command, and every alert body received by the real loopback SMTP
 * and HTTP servers are searched for every credential and for both communities.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startSmtp } from '../helpers/smtp.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startHttpSink, type HttpSink } from '../notify/fixtures.js';

const CONFIG = 'show running-config';
const rnd = (tag: string) => `${tag}${randomBytes(9).toString('hex')}`;
const secrets = {
  devicePassword: rnd('DevPw'),
  wrongPassword: rnd('WrongPw'),
  enablePassword: rnd('EnPw'),
  hangPassword: rnd('HangPw'),
  hostkeyPassword: rnd('HkPw'),
  smtpPassword: rnd('SmtpPw'),
  webhookSecret: rnd('HookSec'),
  slackToken: rnd('SlackTok'),
  newCommunity: rnd('NewComm'),
};
let oldCommunity = '';
const sims: SimDevice[] = [];
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let slack: HttpSink;
let hook: HttpSink;
let ws: Workspace;
const outputs: CliResult[] = [];
const cli = async (...args: string[]) => {
  const r = await runCli([...args, '--config', ws.config], { env: { DRIFTWATCH_LOG_LEVEL: 'debug' } });
  outputs.push(r);
  return r;
};

before(async () => {
  const t = (h: string) => generateIosTranscript({ hostname: h, lines: 150, seed: 3 });
  sims.push(await new SimDevice({ transcript: t('ok1'), name: 'ok1', password: secrets.devicePassword }).start());
  sims.push(await new SimDevice({ transcript: t('auth1'), name: 'auth1', password: rnd('Other') }).start());
  sims.push(await new SimDevice({ transcript: t('hang1'), name: 'hang1', password: secrets.hangPassword }).start());
  sims.push(await new SimDevice({ transcript: t('hk1'), name: 'hk1', password: secrets.hostkeyPassword }).start());
  oldCommunity = /^snmp-server community (\S+)/m.exec(sims[0]!.answer(CONFIG)!)![1]!;
  sims[2]!.hangAfterBytes(CONFIG, 200);
  smtp = await startSmtp({ onAuth: (_auth, _session, cb) => cb(null, { user: 'dw' }) });
  slack = await startHttpSink();
  hook = await startHttpSink();
  ws = makeWorkspace(
    [
      { name: 'ok1', sim: sims[0]!, credentials: 'good' },
      { name: 'auth1', sim: sims[1]!, credentials: 'bad' },
      { name: 'hang1', sim: sims[2]!, credentials: 'hang' },
      { name: 'hk1', sim: sims[3]!, credentials: 'hk' },
    ],
    {
      timeouts: { connect: 5, auth: 5, command: 1, pull: 4 },
      credentials: {
        good: { username: 'admin', password: secrets.devicePassword, enable_password: secrets.enablePassword },
        bad: { username: 'admin', password: secrets.wrongPassword },
        hang: { username: 'admin', password: secrets.hangPassword },
        hk: { username: 'admin', password: secrets.hostkeyPassword },
      },
      alerts: [
        { type: 'email', host: '127.0.0.1', port: smtp.port, user: 'dw', password: secrets.smtpPassword, require_tls: false, from: 'dw@test.local', to: 'noc@test.local' },
        { type: 'slack', webhook_url: `${slack.url}/services/T/B/${secrets.slackToken}` },
        { type: 'webhook', url: `${hook.url}/hook`, secret: secrets.webhookSecret },
      ],
    },
  );
});

after(async () => {
  await Promise.all([...sims.map((s) => s.close()), smtp?.close(), slack?.close(), hook?.close()]);
  ws?.cleanup();
});

test('pulls that succeed, fail auth, time out and hit a changed host key; a changed community is drift (exit 3)', async () => {
  const first = await cli('pull');
  assert.equal(first.code, 1, `some pulls fail: ${first.stdout}${first.stderr}`);
  sims[2]!.clearFaults();
  sims[3]!.rotateHostKey();
  sims[2]!.hangAfterBytes(CONFIG, 200);
  sims[0]!.mutate(CONFIG, (a) => a.replace(oldCommunity, secrets.newCommunity));
  const second = await cli('pull');
  assert.equal(second.code, 3, `drift open: ${second.stdout}${second.stderr}`);
  const stored = readFileSync(`${ws.store}/ok1.cfg`, 'utf8');
  assert.match(stored, /^snmp-server community <secret:[0-9a-f]{10}> RO SNMP-ACL$/m);
  const status = await cli('status', '--json');
  const rows = status.stdout.trim().split('\n').map((l) => JSON.parse(l) as { name: string; error_kind?: string; errorKind?: string; error?: string });
  const kinds = JSON.stringify(rows);
  assert.match(kinds, /auth/);
  assert.match(kinds, /timeout/);
  assert.match(kinds, /host-key-mismatch/);
  await cli('drift');
  await cli('diff', 'ok1');
  await cli('show', 'ok1');
  await cli('log', 'ok1');
  assert.ok(smtp.mails.length > 0 && slack.received.length > 0 && hook.received.length > 0, 'alerts were delivered on every channel');
});

test('no credential and neither community appears in the store, the state file, any output or any alert', () => {
  const objects = execFileSync('git', ['-C', ws.store, 'cat-file', '--batch-all-objects', '--batch'], { encoding: 'latin1', maxBuffer: 64 << 20 });
  const gitLog = execFileSync('git', ['-C', ws.store, 'log', '--all', '-p', '--format=%H%n%B'], { encoding: 'latin1', maxBuffer: 64 << 20 });
  const haystacks: Record<string, string> = {
    'git objects': objects,
    'git log': gitLog,
    'state file': readFileSync(ws.state, 'latin1') + (existsSync(`${ws.state}-wal`) ? readFileSync(`${ws.state}-wal`, 'latin1') : ''),
    stdout: outputs.map((o) => o.stdout).join('\n'),
    'stderr/logs': outputs.map((o) => o.stderr).join('\n'),
    'email bodies': smtp.mails.map((m) => m.raw).join('\n'),
    'slack bodies': slack.received.map((r) => r.body).join('\n'),
    'webhook bodies': hook.received.map((r) => r.body).join('\n'),
  };
  assert.ok(objects.length > 1000 && haystacks['stderr/logs']!.length > 0);
  const needles = { ...secrets, oldCommunity };
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(haystacks)) {
    for (const [what, value] of Object.entries(needles)) if (text.includes(value)) leaks.push(`${what} in ${where}`);
  }
  assert.deepEqual(leaks, []);
});
