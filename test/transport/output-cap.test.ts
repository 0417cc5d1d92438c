/**
 * Output caps: a device printing ~40 MB fails its own pull as too-large, names the cap, and the
 * other device pulled at the same time is unaffected. The meter itself is checked on chunk
 * boundaries, where an off-by-one would hide.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pullDevice } from '../../src/collect/pull-device.js';
import { getDriver } from '../../src/drivers/registry.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { OutputBudget } from '../../src/transport/output-cap.js';
import { collectSession } from '../../src/transport/session.js';
import { acceptAll, CFG, simTarget } from './targets.js';

const FORTY_MB = 40 * 1024 * 1024;
let big: SimDevice;
let small: SimDevice;

before(async () => {
  big = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'big1', lines: 150 }), name: 'big1' }).start();
  small = await new SimDevice({ transcript: generateIosTranscript({ hostname: 'small1', lines: 150 }), name: 'small1' }).start();
  // ~40 MB of ordinary 80-byte config lines before `end` (built as one string: the simulator's
  // addConfigLines spreads its argument and cannot take half a million lines).
  const line = 'interface GigabitEthernet1/0/1 description ' + 'x'.repeat(36) + '\n';
  const command = big.configCommand();
  const answer = big.answer(command)!;
  const at = answer.lastIndexOf('\nend');
  big.setAnswer(command, answer.slice(0, at + 1) + line.repeat(Math.ceil(FORTY_MB / line.length)) + answer.slice(at + 1));
});
after(async () => {
  await big.close();
  await small.close();
});

test('a device printing ~40 MB fails as too-large at the 16 MiB default; another device pulled alongside is fine', async () => {
  const [huge, fine] = await Promise.all([pullDevice(simTarget('big1', big), CFG, acceptAll()), pullDevice(simTarget('small1', small), CFG, acceptAll())]);
  assert.equal(huge.ok, false);
  const error = (huge as Extract<typeof huge, { ok: false }>).error;
  assert.equal(error.kind, 'too-large', error.message);
  assert.match(error.message, /limits\.max_config_bytes \(16 MiB\)/);
  assert.ok(fine.ok, !fine.ok ? fine.error.message : '');
  assert.match(fine.config, /^hostname small1$/m);
});

test('the transport itself carries 40 MB when the cap allows it (no recursion or spread over lines)', async () => {
  const ios = getDriver('cisco_ios');
  const target = simTarget('big1', big);
  const r = await collectSession(
    {
      target: { host: target.host, port: target.port, username: 'admin', password: 'admin' },
      timeouts: { connectMs: 5000, authMs: 5000, idleMs: 5000 },
      checkHostKey: () => 'accept',
      limits: { maxBytes: 64 * 1024 * 1024, maxLineBytes: 1024 * 1024 },
    },
    ios.session,
    ios.commands,
  );
  const text = r.outputs[big.configCommand()] ?? '';
  assert.ok(text.length > FORTY_MB, `got ${text.length} characters`);
});

test('the meter: total and line caps are exact at chunk boundaries', () => {
  const budget = new OutputBudget({ maxBytes: 20, maxLineBytes: 5 }, 'h:22');
  const m = budget.meter();
  assert.equal(m(Buffer.from('abc')), undefined);
  assert.equal(m(Buffer.from('de\n')), undefined, 'a 5-byte line split over two chunks is within the cap');
  assert.equal(m(Buffer.from('12345\n123')), undefined);
  const over = m(Buffer.from('456'));
  assert.equal(over?.kind, 'too-large', 'a 6-byte line across chunks passes the line cap');
  assert.match(over!.message, /max_line_bytes \(5 bytes\)/);

  const total = new OutputBudget({ maxBytes: 10, maxLineBytes: 100 }, 'h:22');
  const a = total.meter();
  const b = total.meter();
  assert.equal(a(Buffer.from('12345\n')), undefined);
  assert.equal(b(Buffer.from('1234')), undefined, 'exactly at the cap');
  assert.equal(b(Buffer.from('5'))?.kind, 'too-large', 'stdout and stderr share one total');

  const many = new OutputBudget({ maxBytes: 1000, maxLineBytes: 3 }, 'h:22').meter();
  assert.equal(many(Buffer.from('ab\ncd\nef\n\n\nabc')), undefined);
  assert.equal(many(Buffer.from('\nabcd\nx'))?.kind, 'too-large', 'a long line in the middle of a chunk is found');
});
