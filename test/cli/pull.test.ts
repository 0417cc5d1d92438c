/**
 * The core acceptance path over real SSH: simulated devices replaying the shared IOS transcripts,
 * the built CLI, a real git store checked with the git command, a real SQLite state file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimDevice } from '../../src/sim/device.js';
import { loadTranscript } from '../../src/sim/transcript.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';
import { skipWithoutTranscripts, transcriptFiles, transcriptPath } from '../helpers/transcripts.js';

const git = (store: string, ...args: string[]) => execFileSync('git', ['-C', store, ...args], { encoding: 'utf8' });

const files = transcriptFiles('ios', 'simulation.yaml');
const sims: SimDevice[] = [];
let ws: Workspace;

before(async () => {
  if (skipWithoutTranscripts) return;
  for (const [i, file] of files.entries()) {
    sims.push(await new SimDevice({ transcript: loadTranscript(transcriptPath(file)), name: `ios${i}` }).start());
  }
  // A second copy of the first transcript for fault injection, and one that needs enable + paging.
  sims.push(await new SimDevice({ transcript: loadTranscript(transcriptPath(files[0]!)) }).start());
  sims.push(
    await new SimDevice({ transcript: loadTranscript(transcriptPath(files[0]!)), enableSecret: 'en4ble', pageLines: 20, ignorePagingOff: true, crlf: true }).start(),
  );
  ws = makeWorkspace(
    [
      ...files.map((_, i) => ({ name: `ios${i}`, sim: sims[i]!, group: 'core' })),
      { name: 'faulty', sim: sims[files.length]! },
      { name: 'paged', sim: sims[files.length + 1]!, credentials: 'enable' },
    ],
    { credentials: { sim: { username: 'admin', password: '${DW_TEST_PASSWORD}' }, enable: { username: 'admin', password: 'admin', enable_password: 'en4ble' } } },
  );
});

after(async () => {
  await Promise.all(sims.map((s) => s.close()));
  ws?.cleanup();
});

test('pull stores every config, one commit per device; a second pull commits nothing', { skip: skipWithoutTranscripts }, async () => {
  const first = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /4 devices: 4 changed, 0 unchanged, 0 failed/);
  const subjects = git(ws.store, 'log', '--format=%s').trim().split('\n');
  assert.equal(subjects.length, 4 + 1, `one commit per device plus the initial one:\n${subjects.join('\n')}`);
  assert.ok(subjects.some((s) => /^ios0: \+\d+ -0 lines$/.test(s)), subjects.join('\n'));
  const body = git(ws.store, 'log', '-1', '--format=%B', '--', 'core/ios0.cfg');
  assert.match(body, /^Device: ios0$/m);
  assert.match(body, /^Platform: cisco_ios$/m);
  assert.equal(git(ws.store, 'status', '--porcelain'), '', 'work tree clean');

  const stored = readFileSync(join(ws.store, 'core', 'ios0.cfg'), 'utf8');
  assert.match(stored, /^hostname /m);
  assert.doesNotMatch(stored, /SECRET|AAAAAAAAAABBBBBBBBBB/, 'secrets masked in the store');
  // The enable + pager + CRLF device yields exactly the same text as the plain one.
  // (Fingerprints are salted with the device name: compare the texts around them.)
  const unsalted = (file: string) => readFileSync(join(ws.store, file), 'utf8').replace(/<secret:[0-9a-f]{10}>/g, '<secret>');
  assert.equal(unsalted('paged.cfg'), unsalted('faulty.cfg'));

  const second = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /4 devices: 0 changed, 4 unchanged, 0 failed/);
  assert.equal(git(ws.store, 'log', '--format=%s').trim().split('\n').length, 5, 'no new commit');

  const show = await runCli(['show', 'ios0', '--config', ws.config]);
  assert.equal(show.stdout, stored);
  const status = await runCli(['status', '--json', '--config', ws.config]);
  const rows = status.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 4);
  const ios0 = rows.find((r) => r.name === 'ios0');
  assert.equal(ios0.result, 'unchanged');
  assert.equal(ios0.path, 'core/ios0.cfg');
  assert.equal(ios0.platform, 'cisco_ios');
  assert.ok(ios0.facts.serial, JSON.stringify(ios0));
  const log = await runCli(['log', 'ios0', '--config', ws.config]);
  assert.match(log.stdout, /ios0: \+\d+ -0 lines/);
});

test('a hang or a disconnect mid-config is classified and leaves the stored config untouched', { skip: skipWithoutTranscripts }, async () => {
  const path = join(ws.store, 'faulty.cfg');
  const before = readFileSync(path, 'utf8');
  const headBefore = git(ws.store, 'rev-parse', 'HEAD');
  const faulty = sims[files.length]!;

  faulty.hangAfterBytes('show running-config', 2000);
  const hung = await runCli(['pull', 'faulty', '--config', ws.config], { env: TEST_ENV });
  assert.equal(hung.code, 1);
  assert.match(hung.stdout, /faulty +FAILED timeout/);

  faulty.clearFaults();
  faulty.disconnectAfterBytes('show running-config', 2000);
  const cut = await runCli(['pull', 'faulty', '--config', ws.config], { env: TEST_ENV });
  assert.equal(cut.code, 1);
  assert.match(cut.stdout, /faulty +FAILED incomplete-output/);
  faulty.clearFaults();

  assert.equal(readFileSync(path, 'utf8'), before);
  assert.equal(git(ws.store, 'rev-parse', 'HEAD'), headBefore, 'no commit from a failed pull');
  const status = await runCli(['status', '--json', '--config', ws.config]);
  const row = status.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((r) => r.name === 'faulty');
  assert.equal(row.error_kind, 'incomplete-output');
});

test('a rotated host key is refused before authentication and no credential is printed', { skip: skipWithoutTranscripts }, async () => {
  const faulty = sims[files.length]!;
  const loginsBefore = faulty.stats.logins;
  faulty.rotateHostKey();
  const refused = await runCli(['pull', 'faulty', '--config', ws.config], { env: TEST_ENV });
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /faulty +FAILED host-key-mismatch/);
  assert.equal(faulty.stats.logins, loginsBefore, 'no login attempted with the new key');
  assert.doesNotMatch(refused.stdout + refused.stderr, /admin|en4ble/, 'no credential in output');

  // Take the new key, so the next failure can only be the password.
  const accepted = await runCli(['hostkey', 'accept', 'faulty', '--by', 'test', '--config', ws.config]);
  assert.equal(accepted.code, 0, accepted.stderr);
  const wrong = await runCli(['pull', 'faulty', '--config', ws.config], { env: { DW_TEST_PASSWORD: 'nope' } });
  assert.match(wrong.stdout, /faulty +FAILED auth \(/);
  assert.doesNotMatch(wrong.stdout + wrong.stderr, /nope/, 'the password never appears');
});

test('validate lists problems and exits 2; unknown device names are usage errors', { skip: skipWithoutTranscripts }, async () => {
  const ok = await runCli(['validate', '--config', ws.config], { env: TEST_ENV });
  assert.equal(ok.code, 0, ok.stderr);
  const missingEnv = await runCli(['validate', '--config', ws.config], { env: { DW_TEST_PASSWORD: undefined } });
  assert.equal(missingEnv.code, 2);
  assert.match(missingEnv.stderr, /devices\.yaml:\d+: credentials\.sim\.password: environment variable DW_TEST_PASSWORD is not set/);
  const unknown = await runCli(['pull', 'nosuch', '--config', ws.config], { env: TEST_ENV });
  assert.equal(unknown.code, 2);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /pull/);
});
