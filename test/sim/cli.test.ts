import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { connect, exec } from './client.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A minimal program with only the sim command, so this test does not depend on the rest of the CLI.
const script = `
import { Command } from 'commander';
import { registerSim } from './src/cli/commands/sim.ts';
const program = new Command('driftwatch').exitOverride();
registerSim(program);
try { await program.parseAsync(process.argv.slice(1), { from: 'user' }); } catch (e) { if (e.code?.startsWith?.('commander')) process.exitCode = 2; else { process.stderr.write(String(e.message) + '\\n'); process.exitCode = e.code ?? 1; } }
`;

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], { cwd: root });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // No deadline of its own: the "ready" line comes when it comes on a loaded machine (the test's timeout bounds it).
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`sim exited ${code} before ready: ${stderr}`)));
  });
  return { child, exited, ready, stderr: () => stderr };
}

test('driftwatch sim: serves generated devices, writes devices.yaml, stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-sim-cli-'));
  const out = join(dir, 'devices.yaml');
  const p = run(['sim', '--generate', 'ios', '--count', '3', '--lines', '300', '--password', 'pw', '--devices-out', out]);
  try {
    await p.ready;
    assert.match(p.stderr(), /3 device\(s\) on 127\.0\.0\.1/);
    assert.ok(existsSync(out));
    const doc = parse(readFileSync(out, 'utf8'));
    assert.equal(doc.devices.length, 3);
    assert.deepEqual(doc.credentials.sim, { username: 'admin', password: 'pw' });
    const dev = doc.devices[1];
    assert.equal(dev.platform, 'cisco_ios');
    const { client } = await connect(dev.port, { password: 'pw' });
    const r = await exec(client, 'show running-config');
    assert.match(r.stdout, new RegExp(`^hostname ${dev.name}$`, 'm'));
    client.end();
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    assert.match(p.stderr(), /stopping/);
  } finally {
    p.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('driftwatch sim without --transcript or --generate is a usage error', async () => {
  const p = run(['sim']);
  p.ready.catch(() => {});
  const code = await p.exited;
  assert.notEqual(code, 0);
  assert.match(p.stderr(), /--transcript|--generate/);
});
