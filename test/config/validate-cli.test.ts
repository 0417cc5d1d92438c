import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';

const EXAMPLE = fileURLToPath(new URL('../../devices.example.yaml', import.meta.url));

test('driftwatch validate: the copied example passes; every problem is listed with a count; hostile YAML exits 2 with file:line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-validate-cli-'));
  try {
    const missing = await runCli(['validate'], { cwd: dir });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /no devices\.yaml here/);

    copyFileSync(EXAMPLE, join(dir, 'devices.yaml'));
    const ok = await runCli(['validate'], { cwd: dir, env: { SIM_PASSWORD: 'admin' } });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /devices\.yaml: ok \(3 devices/);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, ['credentials: { c: { username: u } }', 'devices:', '  - { name: a, hots: h, platform: ios, credentials: c }', '  - { name: a, host: h, platform: ios, credentials: c }'].join('\n'));
    const many = await runCli(['--config', bad, 'validate'], { cwd: dir });
    assert.equal(many.code, 2);
    assert.match(many.stderr, /bad\.yaml:1: credentials\.c: needs password or private_key_file/);
    assert.match(many.stderr, /bad\.yaml:3: device a: devices\.0\.hots: unknown key; did you mean host\?/);
    assert.match(many.stderr, /bad\.yaml:3: device a: host is required/);
    assert.match(many.stderr, /bad\.yaml:4: device a: duplicate device name/);
    assert.match(many.stderr, /\n4 problems found\n$/);

    const bomb = join(dir, 'bomb.yaml');
    writeFileSync(bomb, ['devices: []', 'a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]'].join('\n'));
    const refused = await runCli(['--config', bomb, 'validate'], { cwd: dir });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /bomb\.yaml:3: YAML aliases expand to more than 100 nodes/);
    // The other commands read the config the same way.
    assert.equal((await runCli(['--config', bomb, 'status'], { cwd: dir })).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
