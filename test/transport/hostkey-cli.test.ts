/**
 * `driftwatch hostkey list | accept | forget | history` and the policies through the built CLI
 * (pull -> cycle -> transport), against the simulator, with a real state file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV, type Workspace } from '../helpers/workspace.js';

let sim: SimDevice;
let tofu: Workspace;
let strict: Workspace;

before(async () => {
  sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'edge1', lines: 150 }), name: 'edge1' }).start();
  tofu = makeWorkspace([{ name: 'edge1', sim }]);
  strict = makeWorkspace([{ name: 'edge1', sim }], { host_key_policy: 'strict', known_hosts: './known_hosts' });
  writeFileSync(join(strict.dir, 'known_hosts'), '# nothing trusted yet\n');
});
after(async () => {
  await sim.close();
  tofu.cleanup();
  strict.cleanup();
});

const cli = (ws: Workspace, ...args: string[]) => runCli([...args, '--config', ws.config], { env: TEST_ENV });

test('tofu: a rotated key is refused, listed, accepted by name with an audit record, then pulled', async () => {
  const first = await cli(tofu, 'pull');
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const old = sim.hostKey.fingerprint;
  const fresh = sim.rotateHostKey().fingerprint;
  const logins = sim.stats.logins;
  const refused = await cli(tofu, 'pull');
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /edge1 +FAILED host-key-mismatch/);
  assert.equal(sim.stats.logins, logins, 'no login with the new key');

  const list = await cli(tofu, 'hostkey', 'list');
  assert.equal(list.code, 0, list.stderr);
  assert.ok(list.stdout.includes(`edge1`) && list.stdout.includes(`tofu`) && list.stdout.includes(`pinned`), list.stdout);
  assert.ok(list.stdout.includes(`REFUSED ssh-ed25519 ${fresh}`), list.stdout);
  const json = JSON.parse((await cli(tofu, 'hostkey', 'list', '--json')).stdout.trim().split('\n')[0]!);
  assert.equal(json.pinned.fingerprint, old);
  assert.equal(json.refused.fingerprint, fresh);

  const accepted = await cli(tofu, 'hostkey', 'accept', 'edge1', '--by', 'alice');
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.equal(accepted.stdout, `edge1: accepted ssh-ed25519 ${fresh} (was ${old})\n`);
  const again = await cli(tofu, 'pull');
  assert.equal(again.code, 0, again.stdout + again.stderr);

  const nothing = await cli(tofu, 'hostkey', 'accept', 'edge1');
  assert.equal(nothing.code, 1, 'nothing refused since: nothing to accept');
  assert.match(nothing.stderr, /no refused host key recorded/);

  const forgot = await cli(tofu, 'hostkey', 'forget', 'edge1', '--by', 'bob');
  assert.equal(forgot.code, 0, forgot.stderr);
  const history = (await cli(tofu, 'hostkey', 'history', 'edge1')).stdout.trim().split('\n');
  assert.equal(history.length, 2, history.join('\n'));
  assert.match(history[0]!, new RegExp(`^\\S+Z edge1 forget by bob: ${esc(fresh)} -> -$`));
  assert.match(history[1]!, new RegExp(`^\\S+Z edge1 accept by alice: ${esc(old)} -> ${esc(fresh)}$`));
});

test('strict: an unknown key is refused; accept explains that known_hosts decides and prints the line that works', async () => {
  const refused = await cli(strict, 'pull');
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /edge1 +FAILED host-key-mismatch/);
  const status = JSON.parse((await cli(strict, 'status', '--json')).stdout.trim());
  assert.match(status.error, /host-key-unknown/);

  const accepted = await cli(strict, 'hostkey', 'accept', 'edge1', '--by', 'carol');
  assert.equal(accepted.code, 0, accepted.stderr);
  const line = /^ {2}(\[127\.0\.0\.1\]:\d+ ssh-ed25519 \S+)$/m.exec(accepted.stdout)?.[1];
  assert.ok(line, accepted.stdout);
  assert.match(accepted.stdout, /host_key_policy is strict: a pinned key is not trusted/);
  const stillRefused = await cli(strict, 'pull');
  assert.equal(stillRefused.code, 1, 'a pin alone does not satisfy strict');

  writeFileSync(join(strict.dir, 'known_hosts'), line + '\n');
  const pulled = await cli(strict, 'pull');
  assert.equal(pulled.code, 0, pulled.stdout + pulled.stderr);
});

test('hostkey commands name unknown devices and jump hosts as usage errors', async () => {
  assert.equal((await cli(tofu, 'hostkey', 'accept', 'nosuch')).code, 2);
  assert.equal((await cli(tofu, 'hostkey', 'forget', 'nosuch', '--jump')).code, 2);
});

function esc(s: string): string {
  return s.replace(/[+/]/g, '\\$&');
}
