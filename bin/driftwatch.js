#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` / `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The daemon handles signals from the first instant: loading the CLI takes a moment, and Node's
// default action for SIGHUP and SIGTERM is to die. They are remembered here and replayed by the
// daemon command once it is ready (other commands keep the default behaviour).
if (process.argv.slice(2).includes('daemon')) {
  const early = [];
  const remember = (signal) => early.push(signal);
  for (const s of ['SIGHUP', 'SIGTERM', 'SIGINT']) process.on(s, remember);
  globalThis.__driftwatchEarlySignals = { early, remember };
}

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('driftwatch: not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(1);
}
await import(main.href);
