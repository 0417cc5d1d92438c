import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ciscoIos } from '../../src/drivers/cisco_ios/index.js';
import { SimDevice } from '../../src/sim/device.js';
import { generateIosTranscript } from '../../src/sim/generate-ios.js';
import { answerFor } from '../../src/sim/transcript.js';
import { connect, openShell } from './client.js';

const configLines = (answer: string) => {
  const lines = answer.split('\n');
  return lines.slice(1, lines.indexOf('end') + 1);
};

test('generator: deterministic for the same options, different per seed and hostname', () => {
  const a = generateIosTranscript({ hostname: 'sw-a', lines: 800, seed: 42 });
  const b = generateIosTranscript({ hostname: 'sw-a', lines: 800, seed: 42 });
  assert.deepEqual(a, b);
  assert.notEqual(answerFor(generateIosTranscript({ hostname: 'sw-a', lines: 800, seed: 43 }), 'show running-config'), answerFor(a, 'show running-config'));
  assert.notEqual(answerFor(generateIosTranscript({ hostname: 'sw-b', lines: 800, seed: 42 }), 'show version'), answerFor(a, 'show version'));
});

test('generator: realistic IOS-XE answers with echo and prompt', () => {
  const t = generateIosTranscript({ hostname: 'core-sw1', seed: 7 });
  assert.equal(t.initPrompt.split('\n').pop(), 'core-sw1#');
  assert.equal(t.model, 'ios');
  assert.equal(answerFor(t, 'terminal length 0'), 'terminal length 0\ncore-sw1#');
  assert.equal(answerFor(t, 'terminal width 0'), 'terminal width 0\ncore-sw1#');
  const version = answerFor(t, 'show version')!;
  assert.match(version, /^show version\n/);
  assert.match(version, /^Cisco IOS XE Software, Version 17\.9\.4a$/m);
  assert.match(version, /^cisco C9300-48P \(X86\) processor/m);
  assert.match(version, /^Processor board ID FOC\d+$/m);
  assert.match(version, /^System image file is "flash:packages\.conf"$/m);
  assert.match(version, /^core-sw1 uptime is \d+ weeks?, /m);
  assert.match(version, /\ncore-sw1#$/);
  const serial = /Processor board ID (\S+)/.exec(version)![1]!;
  assert.match(answerFor(t, 'show inventory')!, new RegExp(`PID: C9300-48P\\s+, VID: \\S+\\s*, SN: ${serial}`));
  const run = answerFor(t, 'show running-config')!;
  assert.match(run, /^show running-config\nBuilding configuration\.\.\.\n\nCurrent configuration : \d+ bytes\n/);
  for (const re of [
    /^! Last configuration change at \d\d:\d\d:\d\d UTC \w{3} \w{3} \d+ \d{4} by \w+$/m,
    /^hostname core-sw1$/m,
    /^username admin privilege 15 secret 9 \$9\$[./\w]{14}\$[./\w]{43}$/m,
    /^interface GigabitEthernet1\/0\/1$/m,
    /^vlan \d+\n name \S+$/m,
    /^ip access-list extended \S+\n \d+ (permit|deny)/m,
    /^snmp-server community \S+ RO/m,
    /^line vty 0 4$/m,
    /\nend\n\ncore-sw1#$/,
  ]) assert.match(run, re);
  const lines = configLines(run);
  assert.equal(lines.length, 1000, 'Building configuration... to end is `lines` lines');
  const bytes = Number(/Current configuration : (\d+) bytes/.exec(run)![1]);
  assert.equal(bytes, lines.slice(3).join('\n').length + 1);
});

// No timing assertion (the suite runs on loaded machines); bench/ measures generator speed.
test('generator: 50,000 lines when asked for 50,000', () => {
  const t = generateIosTranscript({ hostname: 'big', lines: 50_000, seed: 1 });
  assert.equal(configLines(answerFor(t, 'show running-config')!).length, 50_000);
});

test('a generated device pulled through the cisco_ios driver gives a complete config and facts', async () => {
  const d = await new SimDevice({ transcript: () => generateIosTranscript({ hostname: 'gen1', lines: 600, seed: 3 }), model: 'ios', pageLines: 24 }).start();
  const { client } = await connect(d.port);
  try {
    const sh = await openShell(client);
    await sh.read('gen1#');
    const outputs: Record<string, string> = {};
    for (const cmd of ['terminal length 0', ...ciscoIos.commands]) {
      sh.send(cmd + '\n');
      outputs[cmd] = await sh.read('gen1#');
    }
    const parsed = ciscoIos.parse(outputs);
    assert.match(parsed.config, /^hostname gen1$/m);
    assert.match(parsed.config, /\nend\n$/);
    assert.equal(parsed.facts.model, 'C9300-48P');
    assert.equal(parsed.facts.os_version, '17.9.4a');
    assert.equal(parsed.facts.image, 'flash:packages.conf');
    assert.match(parsed.facts.serial ?? '', /^FOC\d+$/);
  } finally {
    client.end();
    await d.close();
  }
});
