/**
 * The store is data, never code: a store whose .git/config carries hooks, fsmonitor, an ssh
 * command, aliases, a filter driver with an attributes line and an include runs none of them
 * during pull and approve. Also: a NUL byte in device output never makes git call the config binary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, TEST_ENV } from '../helpers/workspace.js';

test('hooks, fsmonitor, sshCommand, aliases, filters and includes in the store config never run', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'h1', lines: 40 }), name: 'h1' }).start();
  const ws = makeWorkspace([{ name: 'h1', sim }]);
  try {
    assert.equal((await runCli(['pull', '--config', ws.config], { env: TEST_ENV })).code, 0);
    const pwned = join(ws.dir, 'PWNED');
    const evil = join(ws.dir, 'evil.sh');
    writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> ${pwned}\ncat\n`);
    chmodSync(evil, 0o700);
    const hooks = join(ws.dir, 'hooks');
    mkdirSync(hooks);
    for (const h of ['pre-commit', 'post-commit', 'post-checkout', 'reference-transaction', 'post-index-change']) {
      writeFileSync(join(hooks, h), `#!/bin/sh\necho hook ${h} >> ${pwned}\n`);
      chmodSync(join(hooks, h), 0o700);
    }
    const included = join(ws.dir, 'included.cfg');
    writeFileSync(included, `[core]\n\tfsmonitor = ${evil}\n`);
    const git = (...a: string[]) => execFileSync('git', ['-C', ws.store, ...a], { encoding: 'utf8' });
    git('config', 'core.hooksPath', hooks);
    git('config', 'core.fsmonitor', evil);
    git('config', 'core.sshCommand', evil);
    git('config', 'alias.log', `!${evil}`);
    git('config', 'filter.x.smudge', evil);
    git('config', 'filter.x.clean', evil);
    git('config', 'filter.x.process', evil);
    git('config', 'include.path', included);
    writeFileSync(join(ws.store, '.git', 'info', 'attributes'), '* filter=x\n');

    sim.mutate('show running-config', (t) => t.replace(/^(hostname .*)$/m, '$1\nip domain lookup'));
    const pull = await runCli(['pull', '--config', ws.config], { env: TEST_ENV });
    assert.equal(pull.code, 3, pull.stderr);
    const approve = await runCli(['approve', 'h1', '--config', ws.config, '--by', 'alice']);
    assert.equal(approve.code, 0, approve.stderr);
    assert.equal((await runCli(['log', 'h1', '--config', ws.config])).code, 0);
    assert.equal(existsSync(pwned), false, existsSync(pwned) ? execFileSync('cat', [pwned], { encoding: 'utf8' }) : '');
  } finally {
    await sim.close();
    ws.cleanup();
  }
});

test('NUL and other control bytes in device output are not stored: git still shows a text diff', async () => {
  const sim = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'n1', lines: 40 }), name: 'n1' }).start();
  const ws = makeWorkspace([{ name: 'n1', sim }]);
  try {
    assert.equal((await runCli(['pull', '--config', ws.config], { env: TEST_ENV })).code, 0);
    sim.mutate('show running-config', (t) => t.replace(/^(hostname .*)$/m, '$1\nbanner motd x\u0000y\u001b[2Jz\u0007'));
    assert.equal((await runCli(['pull', '--config', ws.config], { env: TEST_ENV })).code, 3);
    const patch = execFileSync('git', ['-C', ws.store, 'log', '-1', '-p'], { encoding: 'utf8' });
    assert.doesNotMatch(patch, /Binary files/);
    // The transport drops whole escape sequences; whatever is left has no control byte.
    assert.match(patch, /^\+banner motd xy(\[2J)?z$/m);
  } finally {
    await sim.close();
    ws.cleanup();
  }
});
