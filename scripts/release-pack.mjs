#!/usr/bin/env node
// `npm run release`: the production tarball, packed from a staging copy so the working tree is never
// modified: dist/ already built, npm-shrinkwrap.json from package-lock.json (every dependency at the
// tested version), and no lifecycle scripts (the checkout's `prepare` needs the dev dependencies;
// installing the tarball runs only its dependencies' install scripts, the ones in allowScripts).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('dist/ is not built: run npm run build first');
const stage = mkdtempSync(join(tmpdir(), 'driftwatch-release-'));
try {
  for (const entry of [...pkg.files, 'README.md', 'LICENSE']) {
    const from = join(root, entry);
    if (existsSync(from)) cpSync(from, join(stage, entry), { recursive: true });
  }
  copyFileSync(join(root, 'package-lock.json'), join(stage, 'npm-shrinkwrap.json'));
  const released = { ...pkg, scripts: {} };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(released, null, 2) + '\n');
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', root, stage], { encoding: 'utf8' }).trim();
  process.stdout.write(`${join(root, out.split('\n').at(-1))}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
