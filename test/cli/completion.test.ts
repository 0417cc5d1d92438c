/** `driftwatch --version` and `driftwatch completion bash|zsh|fish`, checked by the shells themselves where installed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

test('--version prints the package version', async () => {
  for (const flag of ['--version', '-V']) {
    const r = await runCli([flag]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  }
});

test('bash completion completes commands, subcommands and options, and files after --config', async () => {
  const script = (await runCli(['completion', 'bash'])).stdout;
  const complete = (...words: string[]) => {
    const line = words.map((w) => `'${w}'`).join(' ');
    const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _driftwatch; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').filter(Boolean);
  };
  assert.deepEqual(complete('driftwatch', 'pu'), ['pull']);
  assert.ok(complete('driftwatch', '').includes('backup'), 'every registered command');
  assert.deepEqual(complete('driftwatch', '-c', 'x.yaml', 'hostkey', 'f'), ['forget'], 'the value of --config is not a command');
  assert.deepEqual(complete('driftwatch', 'hostkey', 'forget', '--j'), ['--jump']);
  assert.deepEqual(complete('driftwatch', 'status', '--j'), ['--json']);
  assert.ok(complete('driftwatch', 'sim', '--').includes('--rotate-keys'));
  assert.ok(complete('driftwatch', '--config', 'pack').includes('package.json'), 'a file after --config');
});

test('zsh and fish scripts load in their shells', { skip: has('zsh') || has('fish') ? false : 'neither zsh nor fish installed' }, async () => {
  if (has('zsh')) {
    const r = spawnSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -u; source <(${process.execPath} ${JSON.stringify(new URL('../../bin/driftwatch.js', import.meta.url).pathname)} completion zsh) && (( $+functions[_driftwatch] ))`], { encoding: 'utf8' });
    assert.equal(r.status, 0, `zsh: ${r.stderr}`);
  }
  if (has('fish')) {
    const script = (await runCli(['completion', 'fish'])).stdout;
    const r = spawnSync('fish', ['--no-config', '-c', `${script}\ncomplete -C 'driftwatch hostkey f'`], { encoding: 'utf8' });
    assert.equal(r.status, 0, `fish: ${r.stderr}`);
    assert.match(r.stdout, /^forget\b/m);
  }
});

test('an unknown shell is a usage error', async () => {
  const r = await runCli(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bash, zsh or fish/);
});
