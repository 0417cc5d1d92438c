/**
 * The README's shell blocks work as written: they run in order on a fresh copy of the repository
 * (the files git would check out, plus uncommitted ones), with the checkout's node_modules linked
 * in and the package built (what `npm ci` does), against the simulator the README starts. Where
 * the machine allows it, everything runs in a private network namespace: only loopback, so the
 * README's fixed ports never collide with another run and nothing reaches the network.
 * Not run: blocks marked `<!-- readme-test: skip (reason) -->`, lines commented `# runs until
 * stopped` or `# needs hardware`, and `npm ci` (.ci/run runs it on a real fresh checkout).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scriptOf, shBlocks } from './blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const isCheckout = spawnSync('git', ['-C', root, 'rev-parse', '--git-dir']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'dw-readme-'));
const copy = join(work, 'driftwatch');

after(() => {
  // The README starts the simulator with --detach and stops it; if a line failed before that, stop it here.
  const pidFile = join(copy, 'sim.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (pid > 0) try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  rmSync(work, { recursive: true, force: true });
});

function freshCopy(): void {
  const files = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(root, f))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    copyFileSync(join(root, f), join(copy, f));
  }
  symlinkSync(realpathSync(join(root, 'node_modules')), join(copy, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: copy, stdio: 'pipe' });
}

/** npm's own variables (when this runs under `npm test`) would leak into the README's npx calls. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !k.startsWith('DRIFTWATCH_') && k !== 'NODE_OPTIONS'));
}

const canIsolate = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;

test('the README has the newcomer path: npm ci, then one command for the demo; npm test named', () => {
  const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('\n## ', readme.indexOf('## Try it') + 1));
  const [first] = shBlocks(tryIt);
  const cmds = first!.lines.map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  assert.deepEqual(cmds, ['npm ci', 'npm run demo']);
  assert.match(tryIt, /`npm test`/);
  assert.match(tryIt, /sshd/);
});

test('every shell block of the README runs as written on a fresh copy', { skip: isCheckout ? false : 'not a git checkout', timeout: 600_000 }, async () => {
  freshCopy();
  const blocks = shBlocks(readme);
  assert.ok(blocks.filter((b) => !b.skip).length >= 3, 'the README has runnable blocks');
  const script = join(work, 'readme.sh');
  writeFileSync(script, scriptOf(blocks));
  const [cmd, args] = canIsolate ? ['unshare', ['-rn', 'bash', '-c', `ip link set lo up && exec bash ${JSON.stringify(script)}`]] : ['bash', [script]];
  const child = spawn(cmd, args as string[], { cwd: copy, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `a README command failed${canIsolate ? '' : ' (not isolated: unshare -rn unavailable)'}:\n${output.split('\n').slice(-60).join('\n')}`);
  // The blocks did what they say: the simulator's store is its own, the example's store has the three devices.
  assert.ok(existsSync(join(copy, 'sim-store', '.git')), 'sim.yaml uses its own store beside it');
  assert.ok(existsSync(join(copy, 'store', 'core', 'core-sw1.cfg')), 'devices.yaml (the example) pulled core-sw1 into ./store');
  assert.doesNotMatch(output, /host-key-mismatch/);
});
