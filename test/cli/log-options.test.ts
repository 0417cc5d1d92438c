/** --verbose / --log-format and each command's default log level, through commander's real parsing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerOutputOptions } from '../../src/cli/format/global-options.js';
import { createLogger } from '../../src/core/log.js';

async function levelFor(argv: string[], env: string | undefined): Promise<string> {
  const saved = process.env.DRIFTWATCH_LOG_LEVEL;
  if (env === undefined) delete process.env.DRIFTWATCH_LOG_LEVEL;
  else process.env.DRIFTWATCH_LOG_LEVEL = env;
  try {
    let level = '';
    const program = new Command('driftwatch').exitOverride();
    registerOutputOptions(program);
    for (const name of ['pull', 'daemon']) program.command(name).action(() => void (level = createLogger().level));
    program.command('hostkey').command('list').action(() => void (level = createLogger().level));
    await program.parseAsync(argv, { from: 'user' });
    return level;
  } finally {
    if (saved === undefined) delete process.env.DRIFTWATCH_LOG_LEVEL;
    else process.env.DRIFTWATCH_LOG_LEVEL = saved;
  }
}

test('one-shot commands log warnings and up; the daemon info; the variable, then --verbose, override', async () => {
  assert.equal(await levelFor(['pull'], undefined), 'warn');
  assert.equal(await levelFor(['hostkey', 'list'], undefined), 'warn', 'a nested command is one-shot too');
  assert.equal(await levelFor(['daemon'], undefined), 'info');
  assert.equal(await levelFor(['pull'], 'info'), 'info', 'DRIFTWATCH_LOG_LEVEL wins over the default');
  assert.equal(await levelFor(['daemon'], 'error'), 'error');
  assert.equal(await levelFor(['--verbose', 'pull'], 'error'), 'debug', '--verbose wins over the variable');
  await assert.rejects(levelFor(['--log-format', 'xml', 'pull'], undefined), /argument 'xml' is invalid/);
});
