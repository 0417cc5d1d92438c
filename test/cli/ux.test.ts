/**
 * The CLI as a person meets it, over real SSH (simulated devices), a real git store and SQLite:
 * one line per event, quiet logs, colour rules, neutralised device text, status filters, exit codes,
 * the progress line on a real terminal (script(1) gives a pty), the outbox count in the summary.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { BIN, runCli, type CliResult } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

const CONFIG = 'show running-config';
// C0 controls are dropped before storing (collect/storable-text); C1 controls (0x9b is CSI) and
// bidi overrides reach the store, and so must be neutralised on the way to a terminal.
const HOSTILE = 'description \u009b2J permit \u202eyned\u202c end';
let sims: SimDevice[];
let ws: Workspace;
const hasScript = spawnSync('script', ['--version']).status === 0;

/** A loopback port nobody listens on: the webhook's deliveries fail with ECONNREFUSED. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...args, '--config', ws.config], { env: { ...TEST_ENV, ...env } });

/** Run the CLI on a pseudo-terminal, as an operator would (stdout and stderr both the tty). */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = [process.execPath, BIN, ...args, '--config', ws.config].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', cmd, '/dev/null'], { env: { ...process.env, DRIFTWATCH_LOG_LEVEL: undefined, FORCE_COLOR: undefined, NO_COLOR: undefined, TERM: 'xterm', ...TEST_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr: '' }));
  });
}

before(async () => {
  sims = await Promise.all(['r1', 'r2', 'bad'].map((h, i) => new SimDevice({ transcript: generateIosTranscript({ hostname: h, lines: 80, seed: i }), name: h }).start()));
  ws = makeWorkspace(
    [
      { name: 'r1', sim: sims[0]!, group: 'core' },
      { name: 'r2', sim: sims[1]!, group: 'edge' },
      { name: 'bad', sim: sims[2]!, group: 'edge', credentials: 'wrong' },
    ],
    { alerts: [{ type: 'webhook', url: `http://127.0.0.1:${await closedPort()}/hook` }] },
  );
  // r2 allows legacy SSH algorithms: each pull of it logs a warning (something for stderr to show).
  const doc = parse(readFileSync(ws.config, 'utf8'));
  doc.devices[1].legacy_algorithms = true;
  writeFileSync(ws.config, stringify(doc));
});

after(async () => {
  await Promise.all(sims.map((s) => s.close()));
  ws?.cleanup();
});

test('pull: one stdout line per device; stderr only warnings by default; --verbose and --log-format', async () => {
  const first = await cli(['pull'], { DRIFTWATCH_LOG_LEVEL: undefined });
  assert.equal(first.code, 1, first.stdout + first.stderr);
  const lines = first.stdout.trimEnd().split('\n');
  for (const name of ['r1', 'r2', 'bad']) assert.equal(lines.filter((l) => l.startsWith(name + ' ')).length, 1, `one line for ${name}:\n${first.stdout}`);
  assert.match(first.stdout, /^bad +FAILED auth/m);
  assert.match(first.stdout, /^3 devices: 2 changed, 0 unchanged, 1 failed in/m);
  assert.doesNotMatch(first.stdout, /\x1b/, 'no colour on a pipe');
  const logged = first.stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string });
  assert.ok(logged.some((l) => l.level === 40 && /legacy_algorithms is on for r2/.test(l.msg)), first.stderr);
  assert.ok(logged.every((l) => l.level >= 40), `only warnings and errors by default:\n${first.stderr}`);

  const quiet = await cli(['pull', 'r2'], { DRIFTWATCH_LOG_LEVEL: 'error' });
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stderr, '', 'DRIFTWATCH_LOG_LEVEL=error hides the warning');
  const verbose = await cli(['--verbose', 'pull', 'r2'], { DRIFTWATCH_LOG_LEVEL: 'error' });
  assert.match(verbose.stderr, /^\{"level":40,.*legacy_algorithms/m, '--verbose wins over DRIFTWATCH_LOG_LEVEL');
  const pretty = await cli(['--log-format', 'pretty', 'pull', 'r2']);
  assert.match(pretty.stderr, /WARN.*legacy_algorithms is on for r2/);
  assert.doesNotMatch(pretty.stderr, /^\{"level"/m);
  const bad = await cli(['--log-format', 'xml', 'status']);
  assert.equal(bad.code, 2, 'an unknown log format is a usage error');
});

test('drift and a failing pull: exit 3 (drift wins); alerts not delivered are counted with the outbox', async () => {
  sims[0]!.mutate(CONFIG, (t) => t.replace(/^(hostname .*)$/m, `$1\ninterface Loopback9\n ${HOSTILE}`));
  const r = await cli(['pull']);
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stdout, /^ALERT (critical|warning) r1: /m);
  const outbox = await cli(['outbox', '--json']);
  const pending = outbox.stdout.trim().split('\n').filter(Boolean).length;
  assert.ok(pending >= 1, outbox.stdout);
  assert.match(r.stdout, new RegExp(`^\\d+ alert deliver(y|ies) failed; ${pending} alerts? waiting in the outbox`, 'm'));
  assert.match(r.stdout, /^unauthorized drift open on: r1 /m);
  const help = await runCli(['pull', '--help']);
  assert.match(help.stdout, /3 +unauthorized drift open .* wins over 1/s);
});

test('device text is neutralised in show, diff, status and drift; show --raw keeps the bytes', async () => {
  const show = await cli(['show', 'r1']);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /description \\x9b2J permit \\u202eyned\\u202c end/);
  assert.doesNotMatch(show.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, 'no raw control, tabs and newlines only');
  assert.match(show.stdout, /\n interface|\nhostname /, 'newlines kept');
  const raw = await cli(['show', 'r1', '--raw']);
  assert.ok(raw.stdout.includes(HOSTILE), 'raw keeps the stored text');

  const diff = await cli(['diff', 'r1'], { FORCE_COLOR: '1' });
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /\x1b\[32m\+ description \\x9b2J.*\\u202eyned.*\x1b\[39m/);
  assert.match(diff.stdout, /\x1b\[36m@@ .*\x1b\[39m/);
  assert.doesNotMatch(diff.stdout.replace(/\x1b\[\d+m/g, ''), /[\x00-\x08\x0b-\x1f\x9b\u202e]/, 'only our own SGR codes');
  const plain = await cli(['diff', 'r1'], { NO_COLOR: '1' });
  assert.doesNotMatch(plain.stdout, /\x1b/);
  assert.match(plain.stdout, /^r1: (critical|warning) drift \+\d+ -0 from baseline /m);
});

test('status: drift column, age, failures, filters, summary, --exit-code; --json keeps its keys', async () => {
  const all = await cli(['status']);
  assert.equal(all.code, 0, 'without --exit-code status exits 0');
  assert.match(all.stdout, /^device +platform +last pull +result +fails +drift$/m);
  assert.match(all.stdout, /^r1 +cisco_ios +(just now|\d+ s ago) +changed +0 +(critical|warning) \+\d+ -0 #\d+$/m);
  assert.match(all.stdout, /^bad +cisco_ios +.* FAILED auth: .* 2 +-$/m);
  assert.match(all.stdout, /^3 devices: 1 ok, 1 failing, 1 drifted, 0 never pulled$/m);

  const names = (r: CliResult) => r.stdout.split('\n').map((l) => l.split(' ')[0]).filter((n) => ['r1', 'r2', 'bad'].includes(n!));
  assert.deepEqual(names(await cli(['status', '--failed'])), ['bad']);
  assert.deepEqual(names(await cli(['status', '--drift'])), ['r1']);
  assert.deepEqual(names(await cli(['status', '--group', 'edge'])), ['r2', 'bad']);
  assert.match((await cli(['status', '--group', 'edge'])).stdout, /^2 devices: 1 ok, 1 failing, 0 drifted, 0 never pulled$/m);

  assert.equal((await cli(['status', '--exit-code'])).code, 3, 'drift open');
  assert.equal((await cli(['status', '--exit-code', '--group', 'edge'])).code, 1, 'a device failing');
  assert.equal((await cli(['status', '--exit-code', '--drift', '--group', 'edge'])).code, 0, 'nothing shown, nothing wrong');

  const json = (await cli(['status', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const key of ['name', 'platform', 'group', 'host', 'path', 'last_pull', 'result', 'error_kind', 'error', 'commit', 'consecutive_failures', 'facts']) assert.ok(key in json[0], key);
  assert.equal(json.find((j) => j.name === 'bad').consecutive_failures, 2);
  assert.deepEqual((await cli(['status', '--json', '--drift'])).stdout.trim().split('\n').map((l) => JSON.parse(l).name), ['r1']);

  const drift = await cli(['drift'], { FORCE_COLOR: '1' });
  assert.match(drift.stdout, /^r1 +(\x1b\[1m\x1b\[31mcritical|\x1b\[33mwarning)/m);
});

test('colour: FORCE_COLOR on a pipe, none by default on a pipe; on a terminal unless NO_COLOR', async (t) => {
  const forced = await cli(['status'], { FORCE_COLOR: '1' });
  assert.match(forced.stdout, /\x1b\[31mFAILED\x1b\[39m/);
  assert.match(forced.stdout, /\x1b\[32m1 ok\x1b\[39m/);
  assert.doesNotMatch((await cli(['status'])).stdout, /\x1b/);
  if (!hasScript) {
    t.skip('script(1) not installed: no pty, the terminal half is not checked');
    return;
  }
  const tty = await onTerminal(['status']);
  assert.match(tty.stdout, /\x1b\[31mFAILED/);
  const noColour = await onTerminal(['status'], { NO_COLOR: '1' });
  assert.match(noColour.stdout, /3 devices: 1 ok/);
  assert.doesNotMatch(noColour.stdout, /\x1b\[3\dm/);
});

test('on a terminal a pull shows a live progress line and only the notable devices', { skip: hasScript ? false : 'script(1) not installed: no pty' }, async () => {
  const r = await onTerminal(['pull']);
  assert.equal(r.code, 3, r.stdout);
  assert.match(r.stdout, /\r\x1b\[2Kpull 3\/3, 1 failed, [\d.]+\/s/);
  assert.match(r.stdout, /bad +.*FAILED.* auth/);
  assert.doesNotMatch(r.stdout, /^r2 +.*unchanged/m, 'unchanged devices are only counted');
  assert.match(r.stdout, /3 devices: 0 changed, 2 unchanged, .*1 failed/);
});
