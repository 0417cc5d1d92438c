/**
 * What ships for running driftwatch as a service: the systemd unit (sandbox scored by
 * systemd-analyze, paths the README's install creates, stop timeout covering the drain) and the
 * Dockerfile (Node 24 pinned, non-root, owned volumes, health check, labels).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const unitPath = file('driftwatch.service');
const unit = readFileSync(unitPath, 'utf8');
const dockerfile = readFileSync(file('Dockerfile'), 'utf8');
const readme = readFileSync(file('README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(file('package.json'), 'utf8'));
const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
const directive = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());

test('systemd-analyze verify accepts driftwatch.service', { skip: hasAnalyze ? false : 'systemd-analyze not installed' }, () => {
  // verify checks that ExecStart exists: point it at node for the check (the install creates the real one).
  const dir = mkdtempSync(join(tmpdir(), 'dw-unit-'));
  try {
    writeFileSync(join(dir, 'driftwatch.service'), unit.replace('/opt/driftwatch/bin/driftwatch ', `${process.execPath} `));
    const r = spawnSync('systemd-analyze', ['verify', join(dir, 'driftwatch.service')], { encoding: 'utf8' });
    assert.doesNotMatch(r.stdout + r.stderr, /driftwatch\.service.*(error|unknown|invalid|not executable)/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('systemd-analyze security rates the unit better than 3.0', { skip: hasAnalyze ? false : 'systemd-analyze not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-unit-'));
  try {
    copyFileSync(unitPath, join(dir, 'driftwatch.service'));
    const r = spawnSync('systemd-analyze', ['security', '--offline=yes', 'driftwatch.service'], { cwd: dir, encoding: 'utf8' });
    const score = /Overall exposure level for driftwatch\.service: ([\d.]+)/.exec(r.stdout)?.[1];
    assert.ok(score, `no score in:\n${r.stdout}${r.stderr}`);
    assert.ok(Number(score) < 3.0, `exposure ${score}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the unit drops every capability, filters system calls, and hides the kernel and other processes', () => {
  const expected: Record<string, string> = {
    CapabilityBoundingSet: '', NoNewPrivileges: 'yes', ProtectSystem: 'strict', PrivateTmp: 'yes', ProtectClock: 'yes',
    ProtectKernelLogs: 'yes', ProtectHostname: 'yes', ProtectProc: 'invisible', RestrictNamespaces: 'yes',
    RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX', ReadWritePaths: '/var/lib/driftwatch', User: 'driftwatch', UMask: '0077',
  };
  for (const [key, value] of Object.entries(expected)) assert.ok(directive(key).includes(value), `${key}=${value}`);
  assert.ok(directive('SystemCallFilter').includes('@system-service'));
  assert.match(unit, /^#\s+IPAddressDeny=any$/m, 'guidance for an IP allow list');
  assert.deepEqual(directive('ExecReload'), ['/bin/kill -HUP $MAINPID']);
});

test('the unit uses only paths the README install creates, and waits longer than the drain', () => {
  const install = readme.slice(readme.indexOf('## Install for production'), readme.indexOf('## Run it as a service'));
  const [exec] = directive('ExecStart');
  assert.match(install, /npm install -g --prefix \/opt\/driftwatch /);
  assert.ok(exec!.startsWith('/opt/driftwatch/bin/driftwatch daemon --config /etc/driftwatch/devices.yaml'), exec);
  for (const dir of ['/var/lib/driftwatch', '/etc/driftwatch']) assert.ok(install.includes(`install -d -m 07`) && install.includes(dir), dir);
  assert.match(install, /install -m 0600 \/dev\/null \/etc\/driftwatch\/env/);
  assert.match(install, /useradd --system .* driftwatch/);
  const drain = Number(/--drain (\d+)/.exec(exec!)?.[1]);
  const stop = Number(directive('TimeoutStopSec')[0]);
  assert.ok(drain > 0 && stop >= drain + 15, `TimeoutStopSec=${stop} must cover --drain ${drain} plus the abort`);
});

test('MemoryDenyWriteExecute stays off while node cannot run under it', { skip: spawnSync('cc', ['--version']).status === 0 ? false : 'no C compiler' }, () => {
  assert.equal(directive('MemoryDenyWriteExecute').length, 0);
  // The kernel's own W^X switch (prctl PR_SET_MDWE), what MemoryDenyWriteExecute= amounts to.
  const dir = mkdtempSync(join(tmpdir(), 'dw-mdwe-'));
  try {
    writeFileSync(join(dir, 'mdwe.c'), '#include <sys/prctl.h>\n#include <unistd.h>\nint main(int c, char **v) { if (prctl(65, 1, 0, 0, 0)) return 99; execv(v[1], v + 1); return 98; }\n');
    execFileSync('cc', ['-o', join(dir, 'mdwe'), join(dir, 'mdwe.c')]);
    const r = spawnSync(join(dir, 'mdwe'), [process.execPath, '-e', 'let s = 0; for (let i = 0; i < 1e6; i++) s += i;'], { encoding: 'utf8' });
    if (r.status === 99) return; // kernel without PR_SET_MDWE (< 6.3): nothing to learn here
    assert.notEqual(r.status, 0, 'node runs under MDWE now: turn MemoryDenyWriteExecute=yes on in driftwatch.service');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Dockerfile: Node 24 pinned, non-root, volumes owned by the runtime user, health check, labels', () => {
  const images = [...dockerfile.matchAll(/^ARG NODE_\w*IMAGE=(\S+)$/gm)].map((m) => m[1]!);
  assert.equal(images.length, 2);
  for (const image of images) assert.match(image, /^node:24\.\d+\.\d+-/, `${image}: Node 24, exact version`);
  assert.equal(dockerfile.match(/^FROM /gm)?.length, 2);
  assert.match(dockerfile, /^USER driftwatch$/m);
  assert.match(dockerfile, /^VOLUME \["\/var\/lib\/driftwatch\/store", "\/var\/lib\/driftwatch\/state"\]$/m);
  assert.match(dockerfile, /install -d -m 0700 -o driftwatch -g driftwatch .*\/var\/lib\/driftwatch\/store \/var\/lib\/driftwatch\/state/);
  assert.match(dockerfile, /^HEALTHCHECK .*\n?.*status", "--exit-code"/m);
  for (const label of ['title', 'version', 'licenses', 'base.name']) assert.match(dockerfile, new RegExp(`org\\.opencontainers\\.image\\.${label}=`));
  assert.match(dockerfile, new RegExp(`ARG VERSION=${pkg.version.replace(/\./g, '\\.')}$`, 'm'), 'label version = package version');
  assert.match(readme, /docker run .*--env-file /, 'the documented run line passes the secrets');
});

test('package.json: Node 22 and 24 LTS, the install-script policy, a release without dev-only files', () => {
  assert.equal(pkg.engines.node, '^22.12.0 || ^24.0.0');
  assert.deepEqual(Object.keys(pkg.allowScripts).sort(), ['better-sqlite3', 'cpu-features', 'esbuild', 'ssh2']);
  // No source or tests in the release; the compliance packs are data that dist/ reads at run time.
  assert.ok(pkg.files.includes('dist/') && !pkg.files.some((f: string) => (f.startsWith('src') && f !== 'src/compliance/packs/') || f.startsWith('test')));
});
