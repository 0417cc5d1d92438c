/** The systemd unit and Dockerfile ship with the sandboxing the service needs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const unit = fileURLToPath(new URL('../../driftwatch.service', import.meta.url));
const dockerfile = readFileSync(fileURLToPath(new URL('../../Dockerfile', import.meta.url)), 'utf8');
const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

test('systemd-analyze verify accepts driftwatch.service', { skip: hasAnalyze ? false : 'systemd-analyze not installed' }, () => {
  const out = execFileSync('systemd-analyze', ['verify', unit], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.doesNotMatch(out, /error/i);
});

test('the unit is sandboxed and reloads with SIGHUP', () => {
  const text = readFileSync(unit, 'utf8');
  for (const line of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'PrivateTmp=yes', 'ReadWritePaths=/var/lib/driftwatch', 'User=driftwatch', 'Restart=on-failure', 'ExecReload=/bin/kill -HUP $MAINPID']) {
    assert.ok(text.includes(line), `missing ${line}`);
  }
});

test('the Dockerfile is multi-stage, non-root, with volumes for store and state', () => {
  assert.equal(dockerfile.match(/^FROM /gm)?.length, 2);
  assert.match(dockerfile, /^USER driftwatch$/m);
  assert.match(dockerfile, /^VOLUME .*store.*state/m);
  assert.match(dockerfile, /npm ci/);
});
