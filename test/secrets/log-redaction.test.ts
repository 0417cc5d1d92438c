/** pino redaction of every credential path, and a clear error for a bad DRIFTWATCH_LOG_LEVEL. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, logLevel } from '../../src/core/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
  return { lines, stream };
}

test('credentials are redacted in logged objects: credential sets, channels, targets, nested and in arrays', () => {
  const { lines, stream } = capture();
  const log = createLogger('info', stream as never);
  const s = (n: number) => `S3CRET-${n}-${Math.random().toString(36).slice(2)}`;
  const secrets = Array.from({ length: 12 }, (_, i) => s(i));
  log.info({ password: secrets[0], device: { name: 'sw1', credentials: { username: 'u', password: secrets[1] } } }, 'a');
  log.info({ target: { host: 'h', password: secrets[2], passphrase: secrets[3], enablePassword: secrets[4], privateKey: secrets[5] } }, 'b');
  log.info({ alerts: [{ type: 'email', password: secrets[6] }, { type: 'slack', webhook_url: secrets[7] }, { type: 'webhook', url: secrets[8], secret: secrets[9], headers: { Authorization: secrets[10] } }] }, 'c');
  log.info({ cfg: { credentials: { core: { password: secrets[11] } } } }, 'd');
  const out = lines.join('');
  assert.equal(lines.length, 4);
  for (const x of secrets) assert.ok(!out.includes(x), `${x} logged:\n${out}`);
  assert.match(out, /\[redacted\]/);
  assert.match(out, /"name":"sw1"/, 'the rest stays');
});

test('DRIFTWATCH_LOG_LEVEL: a clear error naming the variable and the accepted levels', () => {
  assert.equal(logLevel(undefined), 'info');
  assert.equal(logLevel('DEBUG'), 'debug');
  assert.throws(() => logLevel('verbose'), /DRIFTWATCH_LOG_LEVEL="verbose" is not a log level; use one of fatal, error, warn, info, debug, trace, silent/);
  assert.throws(() => createLogger('loud'), /DRIFTWATCH_LOG_LEVEL/);
});
