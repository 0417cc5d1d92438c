// Mutation check: apply one known bug at a time to a copy of the project and expect the named
// tests to fail. A mutation the suite does not catch is a test that cannot fail.
// Usage: node test/mutation/run.mjs   (CI runs it; `npm run mutation`)
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from './mutations.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = [];
for (const m of MUTATIONS) {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-mutant-'));
  try {
    for (const part of ['src', 'test', 'bin', 'bench', 'package.json', 'tsconfig.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const file = join(dir, m.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(m.find)) throw new Error(`mutation "${m.name}": text not found in ${m.file} (update test/mutation/mutations.mjs)`);
    writeFileSync(file, text.replace(m.find, m.replace));
    const build = spawnSync(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`mutation "${m.name}" does not compile:\n${build.stdout}${build.stderr}`);
    const run = spawnSync(process.execPath, ['test/run.mjs', ...m.tests], { cwd: dir, encoding: 'utf8', env: { ...process.env, DRIFTWATCH_TRANSCRIPTS: process.env.DRIFTWATCH_TRANSCRIPTS ?? join(root, '..', 'shared', 'fixtures', 'device-transcripts') } });
    const caught = run.status !== 0;
    results.push({ mutation: m.name, file: m.file, caught });
    process.stdout.write(`${caught ? 'caught ' : 'MISSED '} ${m.name} (${m.file}; tests: ${m.tests.join(' ')})\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const missed = results.filter((r) => !r.caught);
process.stdout.write(`\n${results.length - missed.length}/${results.length} mutations caught\n`);
process.exit(missed.length ? 1 : 0);
